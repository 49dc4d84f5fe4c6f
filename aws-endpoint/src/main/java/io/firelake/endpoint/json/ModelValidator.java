package io.firelake.endpoint.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a request body against its operation's input shape in the service model, as AWS's request validation does
 * before an operation runs: required members, string and list lengths, numeric ranges, patterns and enums give a
 * {@code ValidationException} listing every violation in AWS's words ({@code 1 validation error detected: Value null
 * at 'deliveryStreamName' failed to satisfy constraint: Member must not be null}); a value of the wrong JSON type gives
 * a {@code SerializationException}. Members the model does not know are ignored, as AWS ignores them.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/CommonErrors.html">Common errors</a>
 */
public final class ModelValidator {

    private final ServiceModel model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public ModelValidator(ServiceModel model) {
        this.model = model;
    }

    public void validate(String operation, JsonNode body) {
        String input = model.inputShape(operation).orElse(null);
        if (input == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        check(input, body, "", errors);
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
            throw AwsServiceException.validation(count + " detected: " + String.join("; ", errors));
        }
    }

    private void check(String shapeName, JsonNode value, String path, List<String> errors) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> checkStructure(shape, value, path, errors);
            case "list" -> {
                expect(value.isArray(), "a JSON array", value, path);
                length(shape, value.size(), describe(value), path, errors);
                String member = shape.path("member").path("shape").asText();
                for (int i = 0; i < value.size(); i++) {
                    check(member, value.get(i), path + "." + (i + 1) + ".member", errors);
                }
            }
            case "map" -> {
                expect(value.isObject(), "a JSON object", value, path);
                length(shape, value.size(), describe(value), path, errors);
                String valueShape = shape.path("value").path("shape").asText();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    check(valueShape, e.getValue(), path + "." + e.getKey(), errors);
                }
            }
            case "string" -> checkString(shape, value, path, errors);
            case "blob" -> {
                expect(value.isTextual(), "a base64 string", value, path);
                byte[] decoded;
                try {
                    decoded = Base64.getDecoder().decode(value.asText());
                } catch (IllegalArgumentException e) {
                    throw AwsServiceException.serialization("Value at '" + name(path) + "' is not valid base64: "
                            + e.getMessage());
                }
                // AWS shows a blob as the ByteBuffer it read it into.
                length(shape, decoded.length, "java.nio.HeapByteBuffer[pos=0 lim=" + decoded.length + " cap="
                        + decoded.length + "]", path, errors);
            }
            case "integer", "long" -> {
                expect(value.isIntegralNumber(), "an integer", value, path);
                range(shape, value.asLong(), path, errors);
            }
            case "double", "float" -> expect(value.isNumber(), "a number", value, path);
            case "boolean" -> expect(value.isBoolean(), "true or false", value, path);
            case "timestamp" -> expect(value.isNumber() || value.isTextual(), "a timestamp", value, path);
            default -> {
                // document and other shapes: nothing to enforce
            }
        }
    }

    private void checkStructure(JsonNode shape, JsonNode value, String path, List<String> errors) {
        expect(value.isObject(), "a JSON object", value, path);
        JsonNode members = shape.path("members");
        for (JsonNode required : shape.path("required")) {
            JsonNode v = value.get(required.asText());
            if (v == null || v.isNull()) {
                errors.add("Value null at '" + name(join(path, required.asText()))
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode v = value.get(member.getKey());
            if (v != null && !v.isNull()) {
                check(member.getValue().path("shape").asText(), v, join(path, member.getKey()), errors);
            }
        }
    }

    private void checkString(JsonNode shape, JsonNode value, String path, List<String> errors) {
        expect(value.isTextual(), "a string", value, path);
        String text = value.asText();
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                errors.add(violation(text, path, "Member must satisfy enum value set: " + allowed));
                return;
            }
        }
        length(shape, text.codePointCount(0, text.length()), text, path, errors);
        if (shape.has("pattern")) {
            Pattern pattern = pattern(shape.path("pattern").asText());
            if (pattern != null && !pattern.matcher(text).matches()) {
                errors.add(violation(text, path,
                        "Member must satisfy regular expression pattern: " + shape.path("pattern").asText()));
            }
        }
    }

    private static void length(JsonNode shape, long length, String shown, String path, List<String> errors) {
        if (shape.has("min") && length < shape.path("min").asLong()) {
            errors.add(violation(shown, path,
                    "Member must have length greater than or equal to " + shape.path("min").asLong()));
        }
        if (shape.has("max") && length > shape.path("max").asLong()) {
            errors.add(violation(shown, path,
                    "Member must have length less than or equal to " + shape.path("max").asLong()));
        }
    }

    private static void range(JsonNode shape, long value, String path, List<String> errors) {
        if (shape.has("min") && value < shape.path("min").asLong()) {
            errors.add(violation(Long.toString(value), path,
                    "Member must have value greater than or equal to " + shape.path("min").asLong()));
        }
        if (shape.has("max") && value > shape.path("max").asLong()) {
            errors.add(violation(Long.toString(value), path,
                    "Member must have value less than or equal to " + shape.path("max").asLong()));
        }
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                return Pattern.compile("(?s).*");
            }
        });
    }

    private static void expect(boolean ok, String what, JsonNode value, String path) {
        if (!ok) {
            throw AwsServiceException.serialization("Expected " + what + " at '" + name(path) + "' but found "
                    + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static String violation(String shown, String path, String constraint) {
        String value = shown == null ? "Value" : "Value '" + abbreviate(shown) + "'";
        return value + " at '" + name(path) + "' failed to satisfy constraint: " + constraint;
    }

    private static String describe(JsonNode value) {
        return value.size() > 3 ? "[" + value.size() + " members]" : null;
    }

    private static String abbreviate(String text) {
        return text.length() > 256 ? text.substring(0, 256) + "..." : text;
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    /** AWS names a member by its Java field name: the model's member name with a lower-case first letter. */
    private static String name(String path) {
        StringBuilder out = new StringBuilder(path.length());
        boolean start = true;
        for (char c : path.toCharArray()) {
            out.append(start ? Character.toLowerCase(c) : c);
            start = c == '.';
        }
        return out.toString();
    }
}
