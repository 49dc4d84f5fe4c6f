package io.firelake.endpoint.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.SdkJson;
import software.amazon.awssdk.core.SdkPojo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The Smithy RPC v2 CBOR protocol, as the AWS SDK for Java v2 speaks it to CloudWatch: {@code POST
 * /service/<Service>/operation/<Operation>} with header {@code smithy-protocol: rpc-v2-cbor} and CBOR bodies;
 * timestamps are tag 1 (epoch seconds), errors a map with {@code __type} and {@code message}.
 *
 * @see <a href="https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html">Smithy RPC v2 CBOR protocol</a>
 */
public final class RpcV2Cbor {

    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL = "rpc-v2-cbor";
    public static final String CONTENT_TYPE = "application/cbor";
    private static final CBORMapper CBOR = new CBORMapper();
    private static final CBORFactory FACTORY = new CBORFactory();

    private RpcV2Cbor() {
    }

    /** The request body as a tree (an empty body is an empty input, as the protocol allows). */
    public static JsonNode read(byte[] body) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = CBOR.readTree(body);
            if (node == null || !node.isObject()) {
                throw AwsServiceException.serialization("The request body must be a CBOR map");
            }
            return node;
        } catch (IOException e) {
            throw AwsServiceException.serialization("The request body is not valid CBOR: " + e.getMessage());
        }
    }

    public static byte[] write(SdkPojo response) {
        return write(SdkJson.write(response, POJONode::new));
    }

    /** An error body; {@code type} is the error shape's name. */
    public static byte[] error(String type, String message) {
        return write(JsonNodeFactory.instance.objectNode().put("__type", type).put("message", message));
    }

    private static byte[] write(JsonNode tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (CBORGenerator gen = FACTORY.createGenerator(bytes)) {
            write(gen, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(CBORGenerator gen, JsonNode node) throws IOException {
        if (node.isObject()) {
            gen.writeStartObject(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                gen.writeFieldName(field.getKey());
                write(gen, field.getValue());
            }
            gen.writeEndObject();
        } else if (node.isArray()) {
            gen.writeStartArray(node, node.size());
            for (JsonNode element : node) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant t) {
            gen.writeTag(1);
            if (t.getNano() == 0) {
                gen.writeNumber(t.getEpochSecond());
            } else {
                gen.writeNumber(t.getEpochSecond() + t.getNano() / 1e9);
            }
        } else if (node.isTextual()) {
            gen.writeString(node.asText());
        } else if (node.isIntegralNumber()) {
            gen.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            gen.writeNumber(node.asDouble());
        } else if (node.isBoolean()) {
            gen.writeBoolean(node.asBoolean());
        } else if (node.isBinary()) {
            gen.writeBinary(node.binaryValue());
        } else {
            gen.writeNull();
        }
    }
}
