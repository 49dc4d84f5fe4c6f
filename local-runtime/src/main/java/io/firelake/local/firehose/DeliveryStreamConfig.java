package io.firelake.local.firehose;

import io.firelake.local.config.PipelineSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A delivery stream with a Kinesis (or Direct PUT) source, a Lambda processor, Parquet conversion and an S3
 * destination: every setting and every limit it runs with, fixed when it is built ({@link #builder}, {@link #from},
 * {@link #toBuilder}).
 *
 * @param name             the delivery stream name (first part of every object name)
 * @param sourceStreamName the Kinesis stream it reads
 * @param region           region reported in ARNs and to the processor
 * @param accountId        account reported in ARNs
 * @param processor        how the Lambda processor is invoked: function, buffer, retries, concurrency, limits
 * @param s3Buffer         S3 buffering hints
 * @param prefix           S3 prefix of delivered objects, with {@code !{...}} expressions
 * @param errorPrefix      S3 prefix of error objects; must contain {@code !{firehose:error-output-type}}
 * @param glueDatabase     database of the table that drives format conversion
 * @param glueTable        the table
 * @param readLimit        GetRecords limit per shard and round
 * @param activePartitions S3 buffers (dynamic partitions) open at once before records go to
 *                         {@code activePartitionExceeded}
 * @param droppedLog       where each record the processor dropped is listed (JSON lines), or null for nowhere
 * @param directPut        Direct PUT only: the throughput quota and the backlog past which PutRecordBatch answers the
 *                         records that do not fit {@code ServiceUnavailableException}
 * @param s3Retry          how a refused PutObject is retried, and freshness published meanwhile
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html">ExtendedS3DestinationConfiguration</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas</a>
 */
public record DeliveryStreamConfig(String name, String sourceStreamName, String region, String accountId,
                                   ProcessorSettings processor, BufferingHints s3Buffer, String prefix,
                                   String errorPrefix, String glueDatabase, String glueTable, int readLimit,
                                   int activePartitions, Path droppedLog, DirectPutLimits directPut, S3Retry s3Retry) {

    /**
     * GetRecords returns at most 10,000 records per call
     * (<a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>).
     */
    public static final int DEFAULT_READ_LIMIT = 10_000;
    /**
     * Active partitions (S3 buffers) per delivery stream; past it, records that would open another go to the error
     * prefix ({@code activePartitionExceeded})
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering for dynamic partitioning</a>).
     */
    public static final int DEFAULT_ACTIVE_PARTITIONS = 500;
    public static final String LOCAL_ACCOUNT_ID = "000000000000";

    public DeliveryStreamConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceStreamName, "sourceStreamName");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(s3Buffer, "s3Buffer");
        Objects.requireNonNull(s3Retry, "s3Retry");
        Objects.requireNonNull(directPut, "directPut");
        if (!errorPrefix.contains(PrefixRenderer.ERROR_OUTPUT_TYPE)) {
            throw new IllegalArgumentException("the error prefix must contain " + PrefixRenderer.ERROR_OUTPUT_TYPE
                    + " (Firehose rejects it otherwise): " + errorPrefix);
        }
        if (readLimit < 1 || activePartitions < 1 || processor.concurrentInvocations() < 1
                || processor.maxRequestBytes() < 1 || processor.maxResponseBytes() < 1) {
            throw new IllegalArgumentException("read limit, active partitions, concurrent invocations and "
                    + "payload limits must be >= 1");
        }
    }

    /** The delivery stream the SAM template deploys, from its Parameters defaults, with the default limits. */
    public static DeliveryStreamConfig from(PipelineSettings settings, String region) {
        return builder(settings.deliveryStreamName(), settings.streamName())
                .region(region)
                .processorBuffer(settings.processorBufferBytes(), Duration.ofSeconds(settings.processorBufferIntervalSeconds()))
                .retries(settings.processorRetries(), ProcessorSettings.DEFAULT_RETRY_BACKOFF)
                .s3Buffer(settings.s3BufferBytes(), Duration.ofSeconds(settings.s3BufferIntervalSeconds()))
                .prefixes(settings.rawPrefix(), settings.errorPrefix())
                .table(settings.glueDatabaseName(), settings.rawTableName())
                .build();
    }

    public static Builder builder(String name, String sourceStreamName) {
        return new Builder(name, sourceStreamName);
    }

    /** A builder holding every value of this configuration, to derive another. */
    public Builder toBuilder() {
        Builder b = new Builder(name, sourceStreamName);
        b.region = region;
        b.accountId = accountId;
        b.functionName = processor.functionName();
        b.processorBuffer = processor.buffer();
        b.processorRetries = processor.retries();
        b.retryBackoff = processor.retryBackoff();
        b.concurrentInvocations = processor.concurrentInvocations();
        b.maxRequestBytes = processor.maxRequestBytes();
        b.maxResponseBytes = processor.maxResponseBytes();
        b.processorTimeout = processor.timeout();
        b.s3Buffer = s3Buffer;
        b.prefix = prefix;
        b.errorPrefix = errorPrefix;
        b.glueDatabase = glueDatabase;
        b.glueTable = glueTable;
        b.readLimit = readLimit;
        b.activePartitions = activePartitions;
        b.droppedLog = droppedLog;
        b.directPut = directPut;
        b.s3Retry = s3Retry;
        return b;
    }

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }

    public String lambdaArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + processor.functionName() + ":$LATEST";
    }

    /** Starts from Firehose's defaults; the name and the source stream have none. */
    public static final class Builder {
        private String name;
        private String sourceStreamName;
        private String region = "us-east-1";
        private String accountId = LOCAL_ACCOUNT_ID;
        private String functionName = ProcessorSettings.DEFAULT_FUNCTION_NAME;
        private BufferingHints processorBuffer = BufferingHints.DEFAULT_PROCESSOR;
        private int processorRetries = ProcessorSettings.DEFAULT_RETRIES;
        private Duration retryBackoff = ProcessorSettings.DEFAULT_RETRY_BACKOFF;
        private int concurrentInvocations = ProcessorSettings.DEFAULT_CONCURRENT_INVOCATIONS;
        private int maxRequestBytes = ProcessorLimits.DEFAULT_MAX_REQUEST_BYTES;
        private int maxResponseBytes = ProcessorLimits.DEFAULT_MAX_RESPONSE_BYTES;
        private Duration processorTimeout = ProcessorLimits.DEFAULT_PROCESSOR_TIMEOUT;
        private BufferingHints s3Buffer = BufferingHints.DEFAULT_S3;
        private String prefix = "";
        private String errorPrefix = PrefixRenderer.ERROR_OUTPUT_TYPE + "/";
        private String glueDatabase = "";
        private String glueTable = "";
        private int readLimit = DEFAULT_READ_LIMIT;
        private int activePartitions = DEFAULT_ACTIVE_PARTITIONS;
        private Path droppedLog;
        private DirectPutLimits directPut = DirectPutLimits.DEFAULT;
        private S3Retry s3Retry = S3Retry.DEFAULT;

        private Builder(String name, String sourceStreamName) {
            this.name = name;
            this.sourceStreamName = sourceStreamName;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder sourceStream(String stream) {
            this.sourceStreamName = stream;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder processorBuffer(long bytes, Duration interval) {
            this.processorBuffer = new BufferingHints(bytes, interval);
            return this;
        }

        public Builder retries(int retries, Duration backoff) {
            this.processorRetries = retries;
            this.retryBackoff = backoff;
            return this;
        }

        public Builder s3Buffer(long bytes, Duration interval) {
            this.s3Buffer = new BufferingHints(bytes, interval);
            return this;
        }

        public Builder prefixes(String prefix, String errorPrefix) {
            this.prefix = prefix;
            this.errorPrefix = errorPrefix;
            return this;
        }

        public Builder table(String database, String table) {
            this.glueDatabase = database;
            this.glueTable = table;
            return this;
        }

        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        public Builder readLimit(int records) {
            this.readLimit = records;
            return this;
        }

        public Builder activePartitions(int partitions) {
            this.activePartitions = partitions;
            return this;
        }

        public Builder concurrentInvocations(int invocations) {
            this.concurrentInvocations = invocations;
            return this;
        }

        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The processor function's timeout (Lambda's {@code Timeout}; {@link ProcessorLimits} caps it). */
        public Builder processorTimeout(Duration timeout) {
            this.processorTimeout = timeout;
            return this;
        }

        /** Lists each record the processor dropped in this file, so accounting can tell dropped from lost. */
        public Builder droppedLog(Path file) {
            this.droppedLog = file;
            return this;
        }

        /** Direct PUT: the backlog past which PutRecordBatch throttles (tests make it small). */
        public Builder directPutBacklog(long bytes) {
            this.directPut = directPut.withBacklog(bytes);
            return this;
        }

        /** Direct PUT: the throughput quota per second (Firehose's defaults; tests make it small). */
        public Builder directPutQuota(int records, int requests, long bytes) {
            this.directPut = directPut.withQuota(records, requests, bytes);
            return this;
        }

        /** How a refused PutObject is retried (Firehose: every 5 s for 24 h; tests make it short). */
        public Builder s3Retry(S3Retry retry) {
            this.s3Retry = retry;
            return this;
        }

        public DeliveryStreamConfig build() {
            ProcessorSettings processor = new ProcessorSettings(functionName, processorBuffer, processorRetries,
                    retryBackoff, concurrentInvocations, maxRequestBytes, maxResponseBytes, processorTimeout);
            return new DeliveryStreamConfig(name, sourceStreamName, region, accountId, processor, s3Buffer, prefix,
                    errorPrefix, glueDatabase, glueTable, readLimit, activePartitions, droppedLog, directPut, s3Retry);
        }
    }
}
