package io.firelake.transform.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.firelake.events.json.JsonParseError;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.KinesisMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Streams a Firehose transformation request into {@link InputRecord}s: no tree, no reflection, base64 decoded once.
 *
 * <p>Request format: {@code {invocationId, deliveryStreamArn, sourceKinesisStreamArn, region, records: [{recordId,
 * approximateArrivalTimestamp, data, kinesisRecordMetadata: {shardId, partitionKey, approximateArrivalTimestamp,
 * sequenceNumber, subsequenceNumber}}]}}. {@code subsequenceNumber} arrives as a number or as a string (empty when the
 * record was not aggregated). A record whose {@code data} is not base64 keeps {@code data == null} and is answered
 * {@code ProcessingFailed INVALID_ENVELOPE}; unknown keys are ignored.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public final class FirehoseEventReader {

    private final JsonFactory json = new JsonFactory();

    public FirehoseEvent read(InputStream in) throws MalformedEventException {
        try (JsonParser parser = json.createParser(in)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    public FirehoseEvent read(byte[] in) throws MalformedEventException {
        try (JsonParser parser = json.createParser(in)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    private static MalformedEventException malformed(Exception e) {
        String reason = e instanceof IOException io ? JsonParseError.describe(io) : e.getMessage();
        return new MalformedEventException("not a Firehose transformation event: " + reason, e);
    }

    private FirehoseEvent read(JsonParser parser) throws IOException, MalformedEventException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException("the request is not a JSON object", null);
        }
        String invocationId = null;
        String deliveryStreamArn = null;
        String sourceArn = null;
        String region = null;
        List<InputRecord> records = null;
        int[] skipped = {0};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "invocationId" -> invocationId = text(parser, value);
                case "deliveryStreamArn" -> deliveryStreamArn = text(parser, value);
                case "sourceKinesisStreamArn" -> sourceArn = text(parser, value);
                case "region" -> region = text(parser, value);
                case "records" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new MalformedEventException("records is not an array", null);
                    }
                    records = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        InputRecord record = record(parser);
                        if (record == null) {
                            skipped[0]++;
                        } else {
                            records.add(record);
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (records == null) {
            throw new MalformedEventException("the request has no records array", null);
        }
        return new FirehoseEvent(invocationId, deliveryStreamArn, sourceArn, region, records, skipped[0]);
    }

    private static InputRecord record(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String recordId = null;
        byte[] data = null;
        Long arrival = null;
        KinesisMetadata kinesis = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "recordId" -> recordId = text(parser, value);
                case "data" -> data = base64(parser, value);
                case "approximateArrivalTimestamp" -> arrival = number(parser, value);
                case "kinesisRecordMetadata" -> kinesis = kinesis(parser, value);
                default -> parser.skipChildren();
            }
        }
        return recordId == null ? null : new InputRecord(recordId, data, arrival, kinesis);
    }

    private static KinesisMetadata kinesis(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String shardId = null;
        String partitionKey = null;
        Long arrival = null;
        String sequence = null;
        Long subsequence = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "shardId" -> shardId = text(parser, value);
                case "partitionKey" -> partitionKey = text(parser, value);
                case "approximateArrivalTimestamp" -> arrival = number(parser, value);
                case "sequenceNumber" -> sequence = text(parser, value);
                case "subsequenceNumber" -> subsequence = number(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new KinesisMetadata(shardId, partitionKey, arrival, sequence, subsequence);
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** A number, or a string holding one (Firehose sends subsequenceNumber both ways); otherwise null. */
    private static Long number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().strip();
            try {
                return text.isEmpty() ? null : Long.valueOf(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        parser.skipChildren();
        return null;
    }

    private static byte[] base64(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return null;
        }
        // Straight from the parser's characters, without the String getText() makes (issue 19): a character above
        // U+007F is never base64, as the decoder would also find.
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        byte[] ascii = new byte[parser.getTextLength()];
        for (int i = 0; i < ascii.length; i++) {
            char c = chars[offset + i];
            if (c > 0x7F) {
                return null;
            }
            ascii[i] = (byte) c;
        }
        try {
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
