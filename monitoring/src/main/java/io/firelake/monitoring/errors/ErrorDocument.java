package io.firelake.monitoring.errors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One record Firehose could not deliver, as it writes it under the error prefix: a JSON object with attemptsMade,
 * arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData (base64 of the original record) and
 * lambdaArn (format-conversion failures spell ErrorCode and ErrorMessage and add sequenceNumber and
 * dataCatalogTable). {@code errorOutputType} comes from the object key ({@code !{firehose:error-output-type}}).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">Handling
 *      data transformation failures</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Record format
 *      conversion error handling</a>
 */
public record ErrorDocument(
        String errorOutputType,
        int attemptsMade,
        Instant arrivalTimestamp,
        String errorCode,
        String errorMessage,
        Instant attemptEndingTimestamp,
        String rawData,
        String lambdaArn,
        String objectKey) {

    public static final String PROCESSING_FAILED = "processing-failed";
    public static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    public static final String PARTITIONING_FAILED = "partitioning-failed";
    /**
     * What {@code !{firehose:error-output-type}} is for an extended S3 destination: a failed transform, a failed
     * Parquet conversion, a failed dynamic partitioning
     * (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html).
     */
    public static final List<String> S3_ERROR_OUTPUT_TYPES =
            List.of(PROCESSING_FAILED, FORMAT_CONVERSION_FAILED, PARTITIONING_FAILED);

    public ErrorDocument {
        errorOutputType = errorOutputType == null ? "unknown" : errorOutputType;
        errorCode = errorCode == null ? "" : errorCode;
        errorMessage = errorMessage == null ? "" : errorMessage;
        rawData = rawData == null ? "" : rawData;
    }

    /** The original record bytes; empty when rawData is not valid base64 (then nothing can be replayed). */
    public byte[] rawBytes() {
        try {
            return Base64.getMimeDecoder().decode(rawData);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    /** The key accounting matches failed records by: the producer manifest's payload_sha256. */
    public String rawSha256() {
        return sha256Hex(rawBytes());
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** The raw record as text for a human, control characters escaped and cut to {@code maxChars}. */
    public String rawPreview(int maxChars) {
        String text = new String(rawBytes(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() >= maxChars && text.length() > maxChars ? out + "…" : out.toString();
    }

    /** The output type from an error object key such as {@code errors/processing-failed/2026/11/22/...}. */
    public static String outputTypeFromKey(String key, String errorRoot) {
        String rest = key.startsWith(errorRoot) ? key.substring(errorRoot.length()) : key;
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int slash = rest.indexOf('/');
        return slash > 0 ? rest.substring(0, slash) : "unknown";
    }
}
