package io.firelake.events.contract;

import io.firelake.events.schema.FieldType;
import io.firelake.events.yaml.YamlSetting;

import java.math.BigDecimal;

/** A YAML scalar as the plain Java value of a field type, as the transform holds it: {@code Long}, {@code Double}... */
final class Values {

    private Values() {
    }

    static Object convert(YamlSetting value, FieldType type) {
        try {
            return switch (type.kind()) {
                case INT, LONG, TIMESTAMP_MILLIS -> {
                    Long whole = value.wholeNumber();
                    if (whole == null) {
                        throw value.error("must be a whole number for a " + type.kind() + " field");
                    }
                    yield whole;
                }
                case FLOAT, DOUBLE -> {
                    if (value.numberValue() == null) {
                        throw value.error("must be a number for a " + type.kind() + " field");
                    }
                    yield value.numberValue().doubleValue();
                }
                case DECIMAL -> new BigDecimal(value.scalarText()).setScale(type.scale());
                case BOOLEAN -> {
                    if (value.booleanValue() == null) {
                        throw value.error("must be true or false");
                    }
                    yield value.booleanValue();
                }
                case ENUM -> {
                    if (!type.symbols().contains(value.scalarText())) {
                        throw value.error("must be one of " + type.symbols());
                    }
                    yield value.scalarText();
                }
                case STRING, UUID -> value.text();
                case MAP -> throw value.error("a map field takes no single value here");
                case RECORD -> throw value.error("a record field takes no single value here");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw value.error("'" + value.scalarText() + "' is not a decimal with scale " + type.scale());
        }
    }
}
