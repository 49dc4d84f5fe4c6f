package io.firelake.events.contract;

import io.firelake.events.schema.FieldType;

import java.math.BigDecimal;

/** A YAML scalar as the plain Java value of a field type, as the transform holds it: {@code Long}, {@code Double}... */
final class Values {

    private Values() {
    }

    static Object convert(YamlNode value, FieldType type) {
        var node = value.node();
        try {
            return switch (type.kind()) {
                case INT, LONG, TIMESTAMP_MILLIS -> {
                    if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
                        throw value.error("must be a whole number for a " + type.kind() + " field");
                    }
                    yield node.longValue();
                }
                case FLOAT, DOUBLE -> {
                    if (!node.isNumber()) {
                        throw value.error("must be a number for a " + type.kind() + " field");
                    }
                    yield node.doubleValue();
                }
                case DECIMAL -> new BigDecimal(node.asText()).setScale(type.scale());
                case BOOLEAN -> {
                    if (!node.isBoolean()) {
                        throw value.error("must be true or false");
                    }
                    yield node.booleanValue();
                }
                case ENUM -> {
                    if (!type.symbols().contains(node.asText())) {
                        throw value.error("must be one of " + type.symbols());
                    }
                    yield node.asText();
                }
                case STRING, UUID -> value.text();
                case MAP -> throw value.error("a map field takes no single value here");
                case RECORD -> throw value.error("a record field takes no single value here");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw value.error("'" + node.asText() + "' is not a decimal with scale " + type.scale());
        }
    }
}
