package io.firelake.local.endpoint;

import io.firelake.local.config.PipelineSettings;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceConfiguration;
import software.amazon.awssdk.services.firehose.model.ParquetCompression;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;

/**
 * The {@code CreateDeliveryStream} request that deploys the SAM template's delivery stream ({@code DeliveryStream} in
 * {@code sam/template.yaml}), with its Parameters' values and local ARNs: the one way a delivery stream comes into
 * being locally, as on AWS.
 */
public final class TemplateDeliveryStream {

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    /** The transform Lambda's function name, as the template names it, and its alias. */
    public static final String TRANSFORM_FUNCTION = "firelake-firehose-transform";
    public static final String ALIAS = "live";

    private TemplateDeliveryStream() {
    }

    public static CreateDeliveryStreamRequest request(PipelineSettings settings, String lakeBucket) {
        String role = "arn:aws:iam::" + ACCOUNT + ":role/firelake-delivery";
        return CreateDeliveryStreamRequest.builder()
                .deliveryStreamName(settings.deliveryStreamName())
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.roleARN(role)
                        .kinesisStreamARN("arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + settings.streamName()))
                .extendedS3DestinationConfiguration(s3 -> s3
                        .bucketARN("arn:aws:s3:::" + lakeBucket)
                        .roleARN(role)
                        .prefix(settings.rawPrefix())
                        .errorOutputPrefix(settings.errorPrefix())
                        .bufferingHints(b -> b.sizeInMBs(settings.integer("S3BufferSizeMB"))
                                .intervalInSeconds(settings.s3BufferIntervalSeconds()))
                        .compressionFormat(CompressionFormat.UNCOMPRESSED)
                        .processingConfiguration(p -> p.enabled(true).processors(r -> r.type(ProcessorType.LAMBDA)
                                .parameters(
                                        parameter(ProcessorParameterName.LAMBDA_ARN, "arn:aws:lambda:" + REGION + ":"
                                                + ACCOUNT + ":function:" + TRANSFORM_FUNCTION + ":" + ALIAS),
                                        parameter(ProcessorParameterName.BUFFER_SIZE_IN_M_BS,
                                                settings.text("ProcessorBufferSizeMB")),
                                        parameter(ProcessorParameterName.BUFFER_INTERVAL_IN_SECONDS,
                                                Integer.toString(settings.processorBufferIntervalSeconds())),
                                        parameter(ProcessorParameterName.NUMBER_OF_RETRIES,
                                                Integer.toString(settings.processorRetries())))))
                        .dynamicPartitioningConfiguration(d -> d.enabled(true)
                                .retryOptions(r -> r.durationInSeconds(300)))
                        .dataFormatConversionConfiguration(c -> c.enabled(true)
                                .inputFormatConfiguration(i -> i.deserializer(d -> d.openXJsonSerDe(o -> { })))
                                .outputFormatConfiguration(o -> o.serializer(s -> s.parquetSerDe(
                                        p -> p.compression(ParquetCompression.SNAPPY))))
                                .schemaConfiguration(s -> s.catalogId(ACCOUNT).region(REGION)
                                        .databaseName(settings.glueDatabaseName()).tableName(settings.rawTableName())
                                        .roleARN(role).versionId("LATEST")))
                        .s3BackupMode("Disabled"))
                .build();
    }

    /**
     * The template's delivery stream as a Direct PUT one named {@code name}: the same extended S3 destination (prefixes,
     * transform, Parquet conversion from the Glue table, buffering), no Kinesis source. Producers write to it with
     * {@code PutRecordBatch}.
     */
    public static CreateDeliveryStreamRequest directPutRequest(PipelineSettings settings, String lakeBucket,
                                                               String name) {
        return request(settings, lakeBucket).toBuilder()
                .deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .kinesisStreamSourceConfiguration((KinesisStreamSourceConfiguration) null)
                .build();
    }

    private static ProcessorParameter parameter(ProcessorParameterName name, String value) {
        return ProcessorParameter.builder().parameterName(name).parameterValue(value).build();
    }
}
