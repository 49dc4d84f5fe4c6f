package io.firelake.endpoint.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads AWS JSON protocol bodies into the AWS SDK's own model classes and writes them back, driven by the fields'
 * marshalling metadata ({@link SdkField}: wire name, type, list and map members). The served shapes are thus the
 * SDK's, member for member: timestamps as epoch seconds, blobs as base64, absent members left out.
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html">AWS JSON 1.1 protocol</a>
 */
public final class SdkJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private SdkJson() {
    }

    /** Fills {@code builder} (an SDK model builder) from a JSON object and builds it. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode object, SdkBuilder<?, T> builder) {
        fill((SdkPojo) builder, object);
        return builder.build();
    }

    private static void fill(SdkPojo builder, JsonNode object) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = object.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(field, value));
            }
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode value) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return value.asText();
            } else if (type == MarshallingType.INTEGER) {
                return value.asInt();
            } else if (type == MarshallingType.LONG) {
                return value.asLong();
            } else if (type == MarshallingType.DOUBLE) {
                return value.asDouble();
            } else if (type == MarshallingType.FLOAT) {
                return (float) value.asDouble();
            } else if (type == MarshallingType.BOOLEAN) {
                return value.asBoolean();
            } else if (type == MarshallingType.INSTANT) {
                return value.isNumber() ? epochSeconds(value.decimalValue()) : Instant.parse(value.asText());
            } else if (type == MarshallingType.SDK_BYTES) {
                // java.util.Base64 rather than Jackson's decoder: a fifth of PutRecordBatch's CPU went to the latter.
                return SdkBytes.fromByteArrayUnsafe(BASE64.decode(value.asText()));
            } else if (type == MarshallingType.SDK_POJO) {
                SdkPojo nested = field.constructor().get();
                fill(nested, value);
                return ((SdkBuilder<?, ?>) nested).build();
            } else if (type == MarshallingType.LIST) {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>(value.size());
                for (JsonNode element : value) {
                    list.add(element.isNull() ? null : readValue(member, element));
                }
                return list;
            } else if (type == MarshallingType.MAP) {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), e.getValue().isNull() ? null : readValue(member, e.getValue()));
                }
                return map;
            }
        } catch (RuntimeException e) {
            throw AwsServiceException.serialization("Cannot read '" + field.locationName() + "': " + e.getMessage());
        }
        throw AwsServiceException.serialization("Member '" + field.locationName() + "' of type " + type
                + " is not served by the local endpoint");
    }

    /** Writes an SDK model object as the JSON object the service would answer. */
    public static ObjectNode write(SdkPojo pojo) {
        return write(pojo, SdkJson::epochSeconds);
    }

    /**
     * Writes an SDK model object as a tree, timestamps as {@code instants} makes them (a protocol other than JSON,
     * such as CBOR, writes them its own way).
     */
    public static ObjectNode write(SdkPojo pojo, Function<Instant, JsonNode> instants) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (present(value)) {
                out.set(field.locationName(), writeValue(field, value, instants));
            }
        }
        return out;
    }

    private static JsonNode epochSeconds(Instant t) {
        return NODES.numberNode(BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3));
    }

    private static JsonNode writeValue(SdkField<?> field, Object value, Function<Instant, JsonNode> instants) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return write((SdkPojo) value, instants);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(element == null ? NODES.nullNode() : writeValue(member, element, instants));
            }
            return array;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            ((Map<?, ?>) value).forEach((k, v) -> map.set(String.valueOf(k),
                    v == null ? NODES.nullNode() : writeValue(member, v, instants)));
            return map;
        } else if (type == MarshallingType.INSTANT) {
            return instants.apply((Instant) value);
        } else if (type == MarshallingType.SDK_BYTES) {
            return NODES.binaryNode(((SdkBytes) value).asByteArrayUnsafe());
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Float f) {
            return NODES.numberNode(f);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }

    /** The SDK marks members that were never set with auto-construct collections: AWS leaves those out. */
    private static boolean present(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
