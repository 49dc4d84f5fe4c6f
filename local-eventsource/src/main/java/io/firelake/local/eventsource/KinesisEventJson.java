package io.firelake.local.eventsource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis event Lambda sends (with the tumbling-window fields when a window is configured) and the response it
 * reads back ({@code state}, {@code batchItemFailures}).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis (event shape)</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html">Tumbling windows (window, state, isFinalInvokeForWindow)</a>
 */
final class KinesisEventJson {

    static final String LOCAL_ARN_PREFIX = "arn:aws:";
    static final String LOCAL_REGION = "us-east-1";
    /** An obviously fake account: local ARNs only name things, nothing checks them. */
    static final String LOCAL_ACCOUNT = "000000000000";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String streamArn;
    private final String roleArn;

    KinesisEventJson(String streamName, String functionName) {
        this.streamArn = LOCAL_ARN_PREFIX + "kinesis:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":stream/" + streamName;
        this.roleArn = LOCAL_ARN_PREFIX + "iam::" + LOCAL_ACCOUNT + ":role/" + functionName + "-role";
    }

    String streamArn() {
        return streamArn;
    }

    /** Bytes one record adds to the event, for the 6 MB synchronous payload limit. */
    static long approximateSize(Record record) {
        return (record.data().asByteArrayUnsafe().length + 2L) / 3 * 4 + 600 + record.partitionKey().length();
    }

    String event(String shardId, List<Record> records, TumblingWindow window, Map<String, String> state,
                 boolean finalInvoke, boolean terminatedEarly) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", record.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
            // Lambda sends epoch seconds with millisecond decimals
            kinesis.put("approximateArrivalTimestamp",
                    BigDecimal.valueOf(record.approximateArrivalTimestamp().toEpochMilli(), 3));
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", shardId + ":" + record.sequenceNumber());
            entry.put("eventName", "aws:kinesis:record");
            entry.put("invokeIdentityArn", roleArn);
            entry.put("awsRegion", LOCAL_REGION);
            entry.put("eventSourceARN", streamArn);
        }
        if (window != null) {
            ObjectNode windowNode = event.putObject("window");
            windowNode.put("start", Instant.ofEpochMilli(window.startMillis()).toString());
            windowNode.put("end", Instant.ofEpochMilli(window.endMillis()).toString());
            ObjectNode stateNode = event.putObject("state");
            state.forEach(stateNode::put);
            event.put("shardId", shardId);
            event.put("eventSourceARN", streamArn);
            event.put("isFinalInvokeForWindow", finalInvoke);
            event.put("isWindowTerminatedEarly", terminatedEarly);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the event JSON", e);
        }
    }

    /**
     * The function's response. {@code state} is null when the response has none (with a window, Lambda treats that as
     * a failed invocation); {@code failureIdentifiers} lists the batchItemFailures' itemIdentifier values as sent
     * (null or empty ones included: Lambda treats those as a failure of the whole batch).
     */
    record Response(Map<String, String> state, List<String> failureIdentifiers) {

        static Response parse(String json) {
            JsonNode root;
            try {
                root = json == null ? null : JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the function's response is not JSON", e);
            }
            if (root == null || !root.isObject()) {
                return new Response(null, List.of());
            }
            Map<String, String> state = null;
            JsonNode stateNode = root.get("state");
            if (stateNode != null && stateNode.isObject()) {
                state = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : stateNode.properties()) {
                    state.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText()
                            : entry.getValue().toString());
                }
            }
            List<String> failures = new ArrayList<>();
            JsonNode failuresNode = root.get("batchItemFailures");
            if (failuresNode != null && failuresNode.isArray()) {
                for (JsonNode failure : failuresNode) {
                    JsonNode id = failure.get("itemIdentifier");
                    failures.add(id == null || id.isNull() ? null : id.asText());
                }
            }
            return new Response(state, failures);
        }

        static int stateSize(Map<String, String> state) {
            try {
                return JSON.writeValueAsBytes(state).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
