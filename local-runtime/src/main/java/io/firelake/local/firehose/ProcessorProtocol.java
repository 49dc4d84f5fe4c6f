package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The wire contract between Firehose and its data-transformation Lambda, for a Kinesis stream source or Direct PUT.
 *
 * <p>Request: {@code invocationId, deliveryStreamArn, sourceKinesisStreamArn, region, records[{recordId,
 * approximateArrivalTimestamp, data (base64), kinesisRecordMetadata{shardId, partitionKey, approximateArrivalTimestamp,
 * sequenceNumber, subsequenceNumber}}]}; for Direct PUT without {@code sourceKinesisStreamArn} and
 * {@code kinesisRecordMetadata}, as Firehose sends it.
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
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final DeliveryStreamConfig config;
    private final String sourceStreamArn;
    private final int maxResponseBytes;

    /** @param sourceStreamArn the Kinesis stream read, or null for a Direct PUT delivery stream */
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
            if (sourceStreamArn != null) {
                g.writeStringField("sourceKinesisStreamArn", sourceStreamArn);
            }
            g.writeStringField("region", config.region());
            g.writeArrayFieldStart("records");
            for (SourceRecord r : records) {
                g.writeStartObject();
                g.writeStringField("recordId", r.recordId());
                g.writeNumberField("approximateArrivalTimestamp", r.arrival().toEpochMilli());
                g.writeFieldName("data");
                // java.util.Base64 is a JIT intrinsic, Jackson's writeBinary is not; the alphabet needs no escaping.
                byte[] base64 = BASE64.encode(r.data());
                g.writeRawUTF8String(base64, 0, base64.length);
                if (sourceStreamArn != null) {
                    g.writeObjectFieldStart("kinesisRecordMetadata");
                    g.writeStringField("shardId", r.shardId());
                    g.writeStringField("partitionKey", r.partitionKey());
                    g.writeNumberField("approximateArrivalTimestamp", r.arrival().toEpochMilli());
                    g.writeStringField("sequenceNumber", r.sequenceNumber());
                    g.writeNumberField("subsequenceNumber", r.subsequenceNumber());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Checks a response against the records that were sent (streamed: a response can be 6 MB). */
    public Outcome parse(List<SourceRecord> sent, byte[] response) {
        if (response.length > maxResponseBytes) {
            return new Outcome.Failed(RESPONSE_TOO_LARGE, "Response payload size (" + response.length
                    + " bytes) exceeded maximum allowed payload size (" + maxResponseBytes + " bytes).");
        }
        Map<String, SourceRecord> byId = new HashMap<>(sent.size() * 2);
        for (SourceRecord r : sent) {
            byId.put(r.recordId(), r);
        }
        Set<String> seen = new HashSet<>(sent.size() * 2);
        List<RecordResult> results = new ArrayList<>(sent.size());
        boolean sawRecords = false;
        try (JsonParser p = JSON.createParser(response)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Outcome.Failed(JSON_PROCESSING, "The response is not a JSON object.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"records".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    return new Outcome.Failed(JSON_PROCESSING, "The response's 'records' is not an array.");
                }
                sawRecords = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        return new Outcome.Failed(JSON_PROCESSING, "A returned record is not a JSON object.");
                    }
                    Returned r = readRecord(p);
                    if (r.id == null) {
                        return new Outcome.Failed(MISSING_RECORD_ID, "A returned record has no recordId.");
                    }
                    SourceRecord source = byId.get(r.id);
                    if (source == null) {
                        return new Outcome.Failed(MISSING_RECORD_ID, "Returned recordId " + r.id + " was not in the invocation.");
                    }
                    if (!seen.add(r.id)) {
                        return new Outcome.Failed(DUPLICATED_RECORD_ID, "Multiple records were returned with recordId " + r.id + ".");
                    }
                    Result result = r.result == null ? null : Result.parse(r.result);
                    if (result == null) {
                        return new Outcome.Failed(JSON_PROCESSING, "Record " + r.id + " has an invalid result: " + r.result + ".");
                    }
                    byte[] data;
                    try {
                        data = r.data == null ? new byte[0] : Base64.getDecoder().decode(r.data);
                    } catch (IllegalArgumentException e) {
                        return new Outcome.Failed(JSON_PROCESSING, "Record " + r.id + " has data that is not base64.");
                    }
                    if (result == Result.OK && data.length == 0) {
                        return new Outcome.Failed(JSON_PROCESSING, "Record " + r.id + " is Ok but has no data.");
                    }
                    results.add(new RecordResult(source, result, data, r.partitionKeys));
                }
            }
        } catch (IOException e) {
            return new Outcome.Failed(JSON_PROCESSING, "The response is not JSON: " + e.getMessage());
        }
        if (!sawRecords) {
            return new Outcome.Failed(JSON_PROCESSING, "The response has no 'records' array.");
        }
        if (seen.size() != sent.size()) {
            return new Outcome.Failed(MISSING_RECORD_ID, (sent.size() - seen.size())
                    + " record ID(s) were not returned (" + sent.size() + " sent, " + seen.size() + " returned).");
        }
        return new Outcome.Succeeded(results);
    }

    private static final class Returned {
        String id;
        String result;
        String data;
        Map<String, String> partitionKeys = Map.of();
    }

    /** One element of {@code records}, positioned on its START_OBJECT; unknown fields are skipped. */
    private static Returned readRecord(JsonParser p) throws IOException {
        Returned r = new Returned();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "recordId" -> r.id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "result" -> r.result = value.isScalarValue() ? p.getText() : String.valueOf(value);
                case "data" -> r.data = value == JsonToken.VALUE_NULL ? null : value.isScalarValue() ? p.getText() : "!";
                case "metadata" -> r.partitionKeys = readMetadata(p);
                default -> {
                }
            }
            if (!"metadata".equals(field)) {
                p.skipChildren();
            }
        }
        return r;
    }

    private static Map<String, String> readMetadata(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, String> keys = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("partitionKeys".equals(field) && value == JsonToken.START_OBJECT) {
                Map<String, String> out = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v.isScalarValue()) {
                        out.put(key, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                keys = out;
            } else {
                p.skipChildren();
            }
        }
        return keys;
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
