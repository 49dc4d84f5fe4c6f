package io.firelake.local.config;

import java.util.Map;

/**
 * The pipeline's settings: the Parameters of {@code sam/template.yaml} with their defaults, so that the local runtime
 * and the AWS deployment are configured from one place.
 *
 * @param parameters every parameter default, by name, as text
 */
public record PipelineSettings(Map<String, String> parameters) {

    public PipelineSettings {
        parameters = Map.copyOf(parameters);
    }

    public String text(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("sam/template.yaml has no Parameter '" + name + "' with a Default");
        }
        return value;
    }

    public int integer(String name) {
        return (int) Math.round(number(name));
    }

    public double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sam/template.yaml Parameter '" + name + "' is not a number: " + text(name));
        }
    }

    public String streamName() {
        return text("StreamName");
    }

    public int shardCount() {
        return integer("ShardCount");
    }

    public String deliveryStreamName() {
        return text("DeliveryStreamName");
    }

    public long processorBufferBytes() {
        return megabytes(number("ProcessorBufferSizeMB"));
    }

    public int processorBufferIntervalSeconds() {
        return integer("ProcessorBufferIntervalSeconds");
    }

    public int processorRetries() {
        return integer("ProcessorRetries");
    }

    public long s3BufferBytes() {
        return megabytes(number("S3BufferSizeMB"));
    }

    public int s3BufferIntervalSeconds() {
        return integer("S3BufferIntervalSeconds");
    }

    public String rawPrefix() {
        return text("RawPrefix");
    }

    public String errorPrefix() {
        return text("ErrorPrefix");
    }

    public String glueDatabaseName() {
        return text("GlueDatabaseName");
    }

    public String rawTableName() {
        return text("RawTableName");
    }

    /** Firehose buffer hints are in MiB (1 MB = 1,048,576 bytes in its API). */
    private static long megabytes(double mb) {
        return Math.round(mb * 1024 * 1024);
    }
}
