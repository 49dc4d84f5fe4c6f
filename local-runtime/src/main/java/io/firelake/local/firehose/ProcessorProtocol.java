package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The wire contract between Firehose and its data-transformation Lambda, for a Kinesis stream source.
 *
 * <p>Request: {@code invocationId, deliveryStreamArn, sourceKinesisStreamArn, region, records[{recordId,
 * approximateArrivalTimestamp, data (base64), kinesisRecordMetadata{shardId, partitionKey, approximateArrivalTimestamp,
 * sequenceNumber, subsequenceNumber}}]}.
 *
 * <p>Response: every input recordId exactly once, with {@code result} Ok, Dropped or ProcessingFailed and base64
 * {@code data}; Ok records may carry {@code metadata.partitionKeys}. A response that breaks this (a recordId missing,
 * unknown or repeated, an unknown result, data that is not base64, not JSON at all) fails the whole invocation, as does
 * a response over Lambda's 6 MB synchronous payload limit.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-status-model.html">Required parameters for data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html">Partitioning keys from Lambda</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda payload limits</a>
 */
public final class ProcessorProtocol {

    public static final String MISSING_RECORD_ID = "Lambda.MissingRecordId";
    public static final String DUPLICATED_RECORD_ID = "Lambda.DuplicatedRecordId";
    public static final String JSON_PROCESSING = "Lambda.JsonProcessingException";
    public static final String FUNCTION_ERROR = "Lambda.FunctionError";
    public static final String RESPONSE_TOO_LARGE = "Lambda.ResponseSizeExceeded";
    /** The error code of records the processor itself marked ProcessingFailed. */
    public static final String PROCESSING_FAILED = "Lambda.ProcessingFailed";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DeliveryStreamConfig config;
    private final String sourceStreamArn;
    private final int maxResponseBytes;

    public ProcessorProtocol(DeliveryStreamConfig config, String sourceStreamArn, int maxResponseBytes) {
        this.config = config;
        this.sourceStreamArn = sourceStreamArn;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The event Firehose sends, serialized as Lambda receives it. */
    public byte[] request(List<SourceRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 700 + 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("invocationId", UUID.randomUUID().toString());
            g.writeStringField("deliveryStreamArn", config.arn());
            g.writeStringField("sourceKinesisStreamArn", sourceStreamArn);
            g.writeStringField("region", config.region());
            g.writeArrayFieldStart("records");
            for (SourceRecord r : records) {
                g.writeStartObject();
                g.writeStringField("recordId", r.recordId());
                g.writeNumberField("approximateArrivalTimestamp", r.arrival().toEpochMilli());
                g.writeFieldName("data");
                g.writeBinary(r.data());
                g.writeObjectFieldStart("kinesisRecordMetadata");
                g.writeStringField("shardId", r.shardId());
                g.writeStringField("partitionKey", r.partitionKey());
                g.writeNumberField("approximateArrivalTimestamp", r.arrival().toEpochMilli());
                g.writeStringField("sequenceNumber", r.sequenceNumber());
                g.writeNumberField("subsequenceNumber", r.subsequenceNumber());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Checks a response against the records that were sent. */
    public Outcome parse(List<SourceRecord> sent, byte[] response) {
        if (response.length > maxResponseBytes) {
            return new Outcome.Failed(RESPONSE_TOO_LARGE, "Response payload size (" + response.length
                    + " bytes) exceeded maximum allowed payload size (" + maxResponseBytes + " bytes).");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(response);
        } catch (IOException e) {
            return new Outcome.Failed(JSON_PROCESSING, "The response is not JSON: " + e.getMessage());
        }
        JsonNode records = root == null ? null : root.get("records");
        if (records == null || !records.isArray()) {
            return new Outcome.Failed(JSON_PROCESSING, "The response has no 'records' array.");
        }
        Map<String, SourceRecord> byId = new HashMap<>(sent.size() * 2);
        for (SourceRecord r : sent) {
            byId.put(r.recordId(), r);
        }
        Set<String> seen = new HashSet<>(sent.size() * 2);
        List<RecordResult> results = new ArrayList<>(sent.size());
        for (JsonNode record : records) {
            JsonNode idNode = record.get("recordId");
            if (idNode == null || !idNode.isTextual()) {
                return new Outcome.Failed(MISSING_RECORD_ID, "A returned record has no recordId.");
            }
            String id = idNode.asText();
            SourceRecord source = byId.get(id);
            if (source == null) {
                return new Outcome.Failed(MISSING_RECORD_ID, "Returned recordId " + id + " was not in the invocation.");
            }
            if (!seen.add(id)) {
                return new Outcome.Failed(DUPLICATED_RECORD_ID, "Multiple records were returned with recordId " + id + ".");
            }
            JsonNode resultNode = record.get("result");
            Result result = resultNode == null ? null : Result.parse(resultNode.asText());
            if (result == null) {
                return new Outcome.Failed(JSON_PROCESSING, "Record " + id + " has an invalid result: " + resultNode + ".");
            }
            byte[] data;
            JsonNode dataNode = record.get("data");
            try {
                data = dataNode == null || dataNode.isNull() ? new byte[0] : Base64.getDecoder().decode(dataNode.asText());
            } catch (IllegalArgumentException e) {
                return new Outcome.Failed(JSON_PROCESSING, "Record " + id + " has data that is not base64.");
            }
            if (result == Result.OK && data.length == 0) {
                return new Outcome.Failed(JSON_PROCESSING, "Record " + id + " is Ok but has no data.");
            }
            results.add(new RecordResult(source, result, data, partitionKeys(record)));
        }
        if (seen.size() != sent.size()) {
            return new Outcome.Failed(MISSING_RECORD_ID, (sent.size() - seen.size())
                    + " record ID(s) were not returned (" + sent.size() + " sent, " + seen.size() + " returned).");
        }
        return new Outcome.Succeeded(results);
    }

    private static Map<String, String> partitionKeys(JsonNode record) {
        JsonNode keys = record.path("metadata").path("partitionKeys");
        if (!keys.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = keys.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    public enum Result {
        OK("Ok"), DROPPED("Dropped"), PROCESSING_FAILED("ProcessingFailed");

        private final String wire;

        Result(String wire) {
            this.wire = wire;
        }

        static Result parse(String text) {
            for (Result r : values()) {
                if (r.wire.equals(text)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** One record as the processor returned it. */
    public record RecordResult(SourceRecord source, Result result, byte[] data, Map<String, String> partitionKeys) {
    }

    /** What one invocation gave: the records, or why the whole invocation failed. */
    public sealed interface Outcome {
        record Succeeded(List<RecordResult> records) implements Outcome {
        }

        record Failed(String errorCode, String message) implements Outcome {
        }
    }
}
