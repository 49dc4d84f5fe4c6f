package io.firelake.local.config;

import io.firelake.config.layout.LakePrefix;
import io.firelake.config.sam.SamParameters;
import io.firelake.events.contract.Contracts;
import io.firelake.events.schema.FieldSpec;

import java.util.Map;

/**
 * The pipeline's settings: the Parameters of {@code sam/template.yaml} with their defaults, so that the local runtime
 * and the AWS deployment are configured from one place. Read by config's {@link io.firelake.config.sam.SamTemplate};
 * a setting that is missing or of the wrong type fails with the template's and the parameter's name.
 *
 * @param template the template's parameters
 */
public record PipelineSettings(SamParameters template) {

    /** Settings given as text, for callers that bring their own (tests). */
    public PipelineSettings(Map<String, String> parameters) {
        this(SamParameters.of("given settings", parameters));
    }

    /** Every parameter default, by name, as text. */
    public Map<String, String> parameters() {
        return template.defaults();
    }

    public String text(String name) {
        return template.text(name);
    }

    public int integer(String name) {
        return template.integer(name);
    }

    public double number(String name) {
        return template.number(name);
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

    /**
     * Where Firehose writes the lake's Parquet: the raw prefix by the process's contract's partition keys, as the build
     * writes the deployed template's RawPrefix default (the source template's is clickstream's).
     */
    public String rawPrefix() {
        return LakePrefix.RAW.firehosePrefix(Contracts.selected().enriched().partitionFields().stream()
                .map(FieldSpec::name).toList());
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
