package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON documents Firehose writes, one per failed record and one per line, under the error prefix.
 * <ul>
 *   <li>{@code processing-failed} (the processor marked the record ProcessingFailed, or its invocation failed after the
 *   retries): {@code attemptsMade, arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData} (the
 *   record as read from the source, base64) {@code , lambdaArn};</li>
 *   <li>{@code format-conversion-failed}: {@code attemptsMade, arrivalTimestamp, ErrorCode, ErrorMessage,
 *   attemptEndingTimestamp, rawData} (the transformed record), {@code sequenceNumber, subSequenceNumber,
 *   dataCatalogTable{...}}, with the capitalised error keys the documentation shows.</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">Handle failure in data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion-error-handling.html">Handling errors for data format conversion</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-error-handling.html">Dynamic partitioning errors</a>
 */
public final class ErrorDocuments {

    public static final String PROCESSING_FAILED = "processing-failed";
    public static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    public static final String PARTITIONING_FAILED = "partitioning-failed";
    public static final String ACTIVE_PARTITION_EXCEEDED = "activePartitionExceeded";
    public static final String METADATA_EXTRACTION_FAILED = "DynamicPartitioning.MetadataExtractionFailed";
    /** The documentation names the error prefix for this case but shows no error code: this one is ours. */
    public static final String ACTIVE_PARTITIONS_LIMIT_EXCEEDED = "DynamicPartitioning.ActivePartitionsLimitExceeded";

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorDocuments() {
    }

    public static byte[] processingFailed(SourceRecord record, int attemptsMade, String errorCode, String errorMessage,
                                          Instant attemptEnding, String lambdaArn) {
        return write(g -> {
            g.writeNumberField("attemptsMade", attemptsMade);
            g.writeNumberField("arrivalTimestamp", record.arrival().toEpochMilli());
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorMessage", errorMessage);
            g.writeNumberField("attemptEndingTimestamp", attemptEnding.toEpochMilli());
            g.writeFieldName("rawData");
            g.writeBinary(record.data());
            g.writeStringField("lambdaArn", lambdaArn);
        });
    }

    public static byte[] formatConversionFailed(SourceRecord record, byte[] transformed, String errorCode,
                                                String errorMessage, Instant attemptEnding, DeliveryStreamConfig config) {
        return write(g -> {
            g.writeNumberField("attemptsMade", 1);
            g.writeNumberField("arrivalTimestamp", record.arrival().toEpochMilli());
            g.writeStringField("ErrorCode", errorCode);
            g.writeStringField("ErrorMessage", errorMessage);
            g.writeNumberField("attemptEndingTimestamp", attemptEnding.toEpochMilli());
            g.writeFieldName("rawData");
            g.writeBinary(transformed);
            g.writeStringField("sequenceNumber", record.sequenceNumber());
            g.writeNumberField("subSequenceNumber", record.subsequenceNumber());
            g.writeObjectFieldStart("dataCatalogTable");
            g.writeStringField("catalogId", config.accountId());
            g.writeStringField("databaseName", config.glueDatabase());
            g.writeStringField("tableName", config.glueTable());
            g.writeStringField("region", config.region());
            g.writeStringField("versionId", "LATEST");
            g.writeStringField("catalogArn", "arn:aws:glue:" + config.region() + ":" + config.accountId() + ":catalog");
            g.writeEndObject();
        });
    }

    public static byte[] partitioningFailed(SourceRecord record, byte[] transformed, String errorCode, String errorMessage,
                                            Instant attemptEnding) {
        return write(g -> {
            g.writeNumberField("attemptsMade", 1);
            g.writeNumberField("arrivalTimestamp", record.arrival().toEpochMilli());
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorMessage", errorMessage);
            g.writeNumberField("attemptEndingTimestamp", attemptEnding.toEpochMilli());
            g.writeFieldName("rawData");
            g.writeBinary(transformed);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
