package io.firelake.local.firehose;

import io.firelake.local.config.PipelineSettings;

import java.time.Duration;

/**
 * A delivery stream with a Kinesis source, a Lambda processor, Parquet conversion and an S3 destination.
 *
 * @param name                     the delivery stream name (first part of every object name)
 * @param sourceStreamName         the Kinesis stream it reads
 * @param region                   region reported in ARNs and to the processor
 * @param accountId                account reported in ARNs
 * @param processorBufferBytes     processor buffer size hint ({@code BufferSizeInMBs} of the Lambda processor)
 * @param processorBufferInterval  processor buffer interval hint ({@code BufferIntervalInSeconds})
 * @param processorRetries         retries of a failed invocation ({@code NumberOfRetries})
 * @param retryBackoff             wait before retry n is n times this
 * @param s3BufferBytes            S3 buffering hint, size
 * @param s3BufferInterval         S3 buffering hint, interval
 * @param prefix                   S3 prefix of delivered objects, with {@code !{...}} expressions
 * @param errorPrefix              S3 prefix of error objects; must contain {@code !{firehose:error-output-type}}
 * @param glueDatabase             database of the table that drives format conversion
 * @param glueTable                the table
 * @param functionName             the processor's Lambda function name (its ARN goes into error documents)
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html">ExtendedS3DestinationConfiguration</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public record DeliveryStreamConfig(String name, String sourceStreamName, String region, String accountId,
                                   long processorBufferBytes, Duration processorBufferInterval, int processorRetries,
                                   Duration retryBackoff, long s3BufferBytes, Duration s3BufferInterval,
                                   String prefix, String errorPrefix, String glueDatabase, String glueTable,
                                   String functionName) {

    /** Lambda's limit on a synchronous response payload: 6 MB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** Firehose's limit on one record before base64 encoding: 1,000 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1000 * 1024;
    /** Firehose's documented default for retries of a failed invocation. */
    public static final int DEFAULT_PROCESSOR_RETRIES = 3;
    /**
     * Active partitions (S3 buffers) per delivery stream; past it, records that would open another go to the error
     * prefix ({@code activePartitionExceeded})
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering for dynamic partitioning</a>).
     */
    public static final int DEFAULT_ACTIVE_PARTITIONS = 500;
    public static final String LOCAL_ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_FUNCTION_NAME = "firelake-firehose-transform";

    public DeliveryStreamConfig {
        if (!errorPrefix.contains(PrefixRenderer.ERROR_OUTPUT_TYPE)) {
            throw new IllegalArgumentException("the error prefix must contain " + PrefixRenderer.ERROR_OUTPUT_TYPE
                    + " (Firehose rejects it otherwise): " + errorPrefix);
        }
        if (processorRetries < 0) {
            throw new IllegalArgumentException("processor retries must be >= 0");
        }
    }

    /** The delivery stream the SAM template deploys, from its Parameters defaults. */
    public static DeliveryStreamConfig from(PipelineSettings settings, String region) {
        return new DeliveryStreamConfig(settings.deliveryStreamName(), settings.streamName(), region, LOCAL_ACCOUNT_ID,
                settings.processorBufferBytes(), Duration.ofSeconds(settings.processorBufferIntervalSeconds()),
                settings.processorRetries(), Duration.ofMillis(200),
                settings.s3BufferBytes(), Duration.ofSeconds(settings.s3BufferIntervalSeconds()),
                settings.rawPrefix(), settings.errorPrefix(), settings.glueDatabaseName(), settings.rawTableName(),
                DEFAULT_FUNCTION_NAME);
    }

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }

    public String lambdaArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName + ":$LATEST";
    }

    public DeliveryStreamConfig withProcessorBuffer(long bytes, Duration interval) {
        return new DeliveryStreamConfig(name, sourceStreamName, region, accountId, bytes, interval, processorRetries,
                retryBackoff, s3BufferBytes, s3BufferInterval, prefix, errorPrefix, glueDatabase, glueTable, functionName);
    }

    public DeliveryStreamConfig withS3Buffer(long bytes, Duration interval) {
        return new DeliveryStreamConfig(name, sourceStreamName, region, accountId, processorBufferBytes,
                processorBufferInterval, processorRetries, retryBackoff, bytes, interval, prefix, errorPrefix,
                glueDatabase, glueTable, functionName);
    }

    public DeliveryStreamConfig withRetries(int retries, Duration backoff) {
        return new DeliveryStreamConfig(name, sourceStreamName, region, accountId, processorBufferBytes,
                processorBufferInterval, retries, backoff, s3BufferBytes, s3BufferInterval, prefix, errorPrefix,
                glueDatabase, glueTable, functionName);
    }

    public DeliveryStreamConfig withSourceStream(String stream) {
        return new DeliveryStreamConfig(name, stream, region, accountId, processorBufferBytes, processorBufferInterval,
                processorRetries, retryBackoff, s3BufferBytes, s3BufferInterval, prefix, errorPrefix, glueDatabase,
                glueTable, functionName);
    }
}
