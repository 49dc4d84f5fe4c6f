package io.firelake.local.firehose;

import io.firelake.local.config.PipelineSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A delivery stream with a Kinesis (or Direct PUT) source, a Lambda processor, Parquet conversion and an S3
 * destination: every setting
 * and every limit it runs with, fixed when it is built ({@link #builder}, {@link #from}, {@link #toBuilder}).
 *
 * @param name                     the delivery stream name (first part of every object name)
 * @param sourceStreamName         the Kinesis stream it reads
 * @param region                   region reported in ARNs and to the processor
 * @param accountId                account reported in ARNs
 * @param processorBufferBytes     processor buffer size hint ({@code BufferSizeInMBs} of the Lambda processor)
 * @param processorBufferInterval  processor buffer interval hint ({@code BufferIntervalInSeconds})
 * @param processorRetries         retries of a failed invocation ({@code NumberOfRetries})
 * @param retryBackoff             wait before retry n of an invocation is n times this
 * @param s3BufferBytes            S3 buffering hint, size
 * @param s3BufferInterval         S3 buffering hint, interval
 * @param prefix                   S3 prefix of delivered objects, with {@code !{...}} expressions
 * @param errorPrefix              S3 prefix of error objects; must contain {@code !{firehose:error-output-type}}
 * @param glueDatabase             database of the table that drives format conversion
 * @param glueTable                the table
 * @param functionName             the processor's Lambda function name (its ARN goes into error documents)
 * @param readLimit                GetRecords limit per shard and round
 * @param activePartitions         S3 buffers (dynamic partitions) open at once before records go to
 *                                 {@code activePartitionExceeded}
 * @param concurrentInvocations    processor invocations at a time; 1 runs each on the delivery thread
 * @param maxRequestBytes          largest invocation request (a batch is invoked before it would grow past this)
 * @param maxResponseBytes         largest invocation response; a larger one fails the invocation
 * @param processorTimeout         the processor function's timeout: an invocation still running then has failed
 * @param droppedLog               where each record the processor dropped is listed (JSON lines), or null for nowhere
 * @param directPut                Direct PUT only: the throughput quota and the backlog past which PutRecordBatch
 *                                 answers the records that do not fit {@code ServiceUnavailableException}
 * @param s3Retry                  how a refused PutObject is retried, and freshness published meanwhile
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html">ExtendedS3DestinationConfiguration</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas</a>
 */
public record DeliveryStreamConfig(String name, String sourceStreamName, String region, String accountId,
                                   long processorBufferBytes, Duration processorBufferInterval, int processorRetries,
                                   Duration retryBackoff, long s3BufferBytes, Duration s3BufferInterval,
                                   String prefix, String errorPrefix, String glueDatabase, String glueTable,
                                   String functionName, int readLimit, int activePartitions, int concurrentInvocations,
                                   int maxRequestBytes, int maxResponseBytes, Duration processorTimeout,
                                   Path droppedLog, DirectPutLimits directPut, S3Retry s3Retry) {

    /** Firehose's limit on one record before base64 encoding: 1,000 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1000 * 1024;
    /**
     * Firehose's default for retries of a failed invocation
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>).
     */
    public static final int DEFAULT_PROCESSOR_RETRIES = 3;
    /** Firehose's default processor buffer size hint, 1 MB (0.2 to 3 MB; data-transformation page). */
    public static final long DEFAULT_PROCESSOR_BUFFER_BYTES = 1024 * 1024;
    /** Firehose's default processor buffer interval hint, 60 s (60 to 900 s). */
    public static final Duration DEFAULT_PROCESSOR_BUFFER_INTERVAL = Duration.ofSeconds(60);
    /**
     * Firehose's S3 buffering hints with dynamic partitioning: at least 64 MB, 300 s by default
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering hints</a>).
     */
    public static final long DEFAULT_S3_BUFFER_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_S3_BUFFER_INTERVAL = Duration.ofSeconds(300);
    /** Firehose's back-off between retries is not documented: 200 ms times the attempt keeps local retries short. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
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
    /** Firehose scales its invocations itself; locally one at a time unless the runtime asks for more. */
    public static final int DEFAULT_CONCURRENT_INVOCATIONS = 1;
    public static final String LOCAL_ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_FUNCTION_NAME = "firelake-firehose-transform";

    public DeliveryStreamConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceStreamName, "sourceStreamName");
        Objects.requireNonNull(s3Retry, "s3Retry");
        Objects.requireNonNull(directPut, "directPut");
        if (!errorPrefix.contains(PrefixRenderer.ERROR_OUTPUT_TYPE)) {
            throw new IllegalArgumentException("the error prefix must contain " + PrefixRenderer.ERROR_OUTPUT_TYPE
                    + " (Firehose rejects it otherwise): " + errorPrefix);
        }
        if (processorRetries < 0) {
            throw new IllegalArgumentException("processor retries must be >= 0");
        }
        if (readLimit < 1 || activePartitions < 1 || concurrentInvocations < 1 || maxRequestBytes < 1
                || maxResponseBytes < 1) {
            throw new IllegalArgumentException("read limit, active partitions, concurrent invocations and "
                    + "payload limits must be >= 1");
        }
        ProcessorLimits.checkTimeout(processorTimeout);
    }

    /** The delivery stream the SAM template deploys, from its Parameters defaults, with the default limits. */
    public static DeliveryStreamConfig from(PipelineSettings settings, String region) {
        return builder(settings.deliveryStreamName(), settings.streamName())
                .region(region)
                .processorBuffer(settings.processorBufferBytes(), Duration.ofSeconds(settings.processorBufferIntervalSeconds()))
                .retries(settings.processorRetries(), DEFAULT_RETRY_BACKOFF)
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
        b.processorBufferBytes = processorBufferBytes;
        b.processorBufferInterval = processorBufferInterval;
        b.processorRetries = processorRetries;
        b.retryBackoff = retryBackoff;
        b.s3BufferBytes = s3BufferBytes;
        b.s3BufferInterval = s3BufferInterval;
        b.prefix = prefix;
        b.errorPrefix = errorPrefix;
        b.glueDatabase = glueDatabase;
        b.glueTable = glueTable;
        b.functionName = functionName;
        b.readLimit = readLimit;
        b.activePartitions = activePartitions;
        b.concurrentInvocations = concurrentInvocations;
        b.maxRequestBytes = maxRequestBytes;
        b.maxResponseBytes = maxResponseBytes;
        b.processorTimeout = processorTimeout;
        b.droppedLog = droppedLog;
        b.directPut = directPut;
        b.s3Retry = s3Retry;
        return b;
    }

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }

    public String lambdaArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName + ":$LATEST";
    }

    /** Starts from Firehose's defaults; the name and the source stream have none. */
    public static final class Builder {
        private String name;
        private String sourceStreamName;
        private String region = "us-east-1";
        private String accountId = LOCAL_ACCOUNT_ID;
        private long processorBufferBytes = DEFAULT_PROCESSOR_BUFFER_BYTES;
        private Duration processorBufferInterval = DEFAULT_PROCESSOR_BUFFER_INTERVAL;
        private int processorRetries = DEFAULT_PROCESSOR_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private long s3BufferBytes = DEFAULT_S3_BUFFER_BYTES;
        private Duration s3BufferInterval = DEFAULT_S3_BUFFER_INTERVAL;
        private String prefix = "";
        private String errorPrefix = PrefixRenderer.ERROR_OUTPUT_TYPE + "/";
        private String glueDatabase = "";
        private String glueTable = "";
        private String functionName = DEFAULT_FUNCTION_NAME;
        private int readLimit = DEFAULT_READ_LIMIT;
        private int activePartitions = DEFAULT_ACTIVE_PARTITIONS;
        private int concurrentInvocations = DEFAULT_CONCURRENT_INVOCATIONS;
        private int maxRequestBytes = ProcessorLimits.DEFAULT_MAX_REQUEST_BYTES;
        private int maxResponseBytes = ProcessorLimits.DEFAULT_MAX_RESPONSE_BYTES;
        private Duration processorTimeout = ProcessorLimits.DEFAULT_PROCESSOR_TIMEOUT;
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
            this.processorBufferBytes = bytes;
            this.processorBufferInterval = interval;
            return this;
        }

        public Builder retries(int retries, Duration backoff) {
            this.processorRetries = retries;
            this.retryBackoff = backoff;
            return this;
        }

        public Builder s3Buffer(long bytes, Duration interval) {
            this.s3BufferBytes = bytes;
            this.s3BufferInterval = interval;
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
            return new DeliveryStreamConfig(name, sourceStreamName, region, accountId, processorBufferBytes,
                    processorBufferInterval, processorRetries, retryBackoff, s3BufferBytes, s3BufferInterval, prefix,
                    errorPrefix, glueDatabase, glueTable, functionName, readLimit, activePartitions,
                    concurrentInvocations, maxRequestBytes, maxResponseBytes, processorTimeout, droppedLog,
                    directPut, s3Retry);
        }
    }
}
