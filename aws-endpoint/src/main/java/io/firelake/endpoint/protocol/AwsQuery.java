package io.firelake.endpoint.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.ServiceModel;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The AWS Query protocol, as the AWS CLI speaks it to CloudWatch: a form body ({@code Action=GetMetricData&
 * Version=2010-08-01&MetricDataQueries.member.1.Id=m1...}, lists as {@code .member.N}) read by the operation's input
 * shape into a tree, and XML answers ({@code <GetMetricDataResponse><GetMetricDataResult>...}).
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/aws-query-protocol.html">AWS query protocol</a>
 */
public final class AwsQuery {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AwsQuery() {
    }

    /** The operation a form names and its input as a tree. */
    public record Request(String action, JsonNode input) {
    }

    public static Request read(byte[] body, ServiceModel model) {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String action = form.get("Action");
        if (action == null || action.isEmpty()) {
            throw AwsServiceException.of("MissingAction", "The request must contain the parameter Action.");
        }
        ObjectNode input = NODES.objectNode();
        model.inputShape(action).ifPresent(shape -> structure(model, model.shape(shape), "", form, input));
        return new Request(action, input);
    }

    private static void structure(ServiceModel model, JsonNode shape, String prefix, Map<String, String> form,
                                  ObjectNode into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode value = value(model, member.getValue().path("shape").asText(), prefix + member.getKey(), form);
            if (value != null) {
                into.set(member.getKey(), value);
            }
        }
    }

    private static JsonNode value(ServiceModel model, String shapeName, String key, Map<String, String> form) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                String prefix = key + ".";
                if (form.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
                    return null;
                }
                ObjectNode node = NODES.objectNode();
                structure(model, shape, prefix, form, node);
                return node;
            }
            case "list" -> {
                ArrayNode array = NODES.arrayNode();
                String member = shape.path("member").path("shape").asText();
                for (int i = 1; ; i++) {
                    JsonNode element = value(model, member, key + ".member." + i, form);
                    if (element == null) {
                        break;
                    }
                    array.add(element);
                }
                return array.isEmpty() && !form.containsKey(key) ? null : array;
            }
            default -> {
                String text = form.get(key);
                return text == null ? null : scalar(type, text, key);
            }
        }
    }

    private static JsonNode scalar(String type, String text, String key) {
        try {
            return switch (type) {
                case "integer" -> NODES.numberNode(Integer.parseInt(text));
                case "long" -> NODES.numberNode(Long.parseLong(text));
                case "double", "float" -> NODES.numberNode(Double.parseDouble(text));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text));
                case "timestamp" -> NODES.textNode(instant(text).toString());
                default -> NODES.textNode(text);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw AwsServiceException.of("ValidationError", "The value " + text + " for parameter " + key
                    + " is not a valid " + type + ".");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** The answer: {@code <OpResponse xmlns><OpResult>...</OpResult><ResponseMetadata>...}. */
    public static byte[] write(String operation, SdkPojo response, ServiceModel model, String requestId) {
        StringBuilder xml = new StringBuilder(4096).append("<").append(operation).append("Response xmlns=\"")
                .append(model.xmlNamespace()).append("\">");
        model.resultWrapper(operation).ifPresent(wrapper -> {
            xml.append('<').append(wrapper).append('>');
            fields(response, xml);
            xml.append("</").append(wrapper).append('>');
        });
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(operation).append("Response>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void fields(SdkPojo pojo, StringBuilder xml) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            xml.append('<').append(field.locationName()).append('>');
            value(field, value, xml);
            xml.append("</").append(field.locationName()).append('>');
        }
    }

    private static void value(SdkField<?> field, Object value, StringBuilder xml) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            fields((SdkPojo) value, xml);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            for (Object element : (List<?>) value) {
                xml.append("<member>");
                value(member, element, xml);
                xml.append("</member>");
            }
        } else {
            xml.append(escape(value.toString()));
        }
    }

    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
