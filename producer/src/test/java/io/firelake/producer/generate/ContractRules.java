package io.firelake.producer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * The raw contract's rules applied to a payload, as the transform will apply them: strict UTF-8, one JSON object,
 * only known fields, every field required (always or for its event type) present, every value of an allowed type.
 * Returns the violations; an empty list means the event is valid.
 */
final class ContractRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractRules() {
    }

    static List<String> violations(EventContract contract, byte[] payload) {
        List<String> problems = new ArrayList<>();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
        } catch (CharacterCodingException e) {
            problems.add("invalid UTF-8");
            return problems;
        }
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (Exception e) {
            problems.add("malformed JSON");
            return problems;
        }
        if (event == null || !event.isObject()) {
            problems.add("not a JSON object");
            return problems;
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!contract.raw().has(name)) {
                problems.add("unknown field " + name);
            }
        }
        String typeField = contract.eventTypeField().map(FieldSpec::name).orElse("");
        String type = event.path(typeField).isTextual() ? event.get(typeField).asText() : null;
        for (FieldSpec field : contract.raw().fields()) {
            JsonNode value = event.get(field.name());
            if (value == null || value.isNull()) {
                if (type != null ? field.requiredFor(type) : field.required()) {
                    problems.add("missing " + field.name());
                }
                continue;
            }
            if (field.types().stream().noneMatch(t -> fits(t, value))) {
                problems.add("wrong type for " + field.name() + ": " + value);
            }
        }
        return problems;
    }

    private static boolean fits(FieldType type, JsonNode value) {
        return switch (type.kind()) {
            case STRING -> value.isTextual() && isTimeOrAny(value);
            case UUID -> value.isTextual() && isUuid(value.asText());
            case ENUM -> value.isTextual() && type.symbols().contains(value.asText());
            case INT -> value.isInt();
            case LONG -> value.isIntegralNumber();
            case FLOAT, DOUBLE -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case DECIMAL -> (value.isNumber() || value.isTextual() && isNumber(value.asText()))
                    && new BigDecimal(value.asText()).scale() <= type.scale();
            case TIMESTAMP_MILLIS -> value.isIntegralNumber();
            case MAP -> value.isObject() && value.properties().stream().allMatch(e -> fits(type.values(), e.getValue()));
            case RECORD -> value.isObject() && type.fields().stream().allMatch(sub -> {
                JsonNode item = value.get(sub.name());
                return item == null || item.isNull() ? !sub.required()
                        : sub.types().stream().anyMatch(t -> fits(t, item));
            });
        };
    }

    private static boolean isTimeOrAny(JsonNode value) {
        return true;
    }

    static boolean isIsoTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
