package io.firelake.monitoring.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Firehose delivery-stream metrics, with the names Firehose publishes in the {@code AWS/Firehose} CloudWatch
 * namespace (dimension {@code DeliveryStreamName}), the unit of their data points and the statistic that makes sense
 * for each. The one list of these names: the local Firehose publishes them, monitoring reads them, so one evaluator
 * serves both. {@link #DROPPED_PROCESSING_RECORDS} is the local Firehose's own, in {@link #LOCAL_NAMESPACE}.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Monitoring
 *      Amazon Data Firehose with CloudWatch metrics</a>
 */
public enum FirehoseMetric {
    INCOMING_RECORDS("IncomingRecords", Statistic.SUM, Unit.COUNT),
    INCOMING_BYTES("IncomingBytes", Statistic.SUM, Unit.BYTES),
    DATA_READ_FROM_KINESIS_RECORDS("DataReadFromKinesisStream.Records", Statistic.SUM, Unit.COUNT),
    DATA_READ_FROM_KINESIS_BYTES("DataReadFromKinesisStream.Bytes", Statistic.SUM, Unit.BYTES),
    /** Successful Lambda invocations over all invocations, 0..1 per data point. */
    EXECUTE_PROCESSING_SUCCESS("ExecuteProcessing.Success", Statistic.AVERAGE, Unit.NONE),
    EXECUTE_PROCESSING_DURATION("ExecuteProcessing.Duration", Statistic.AVERAGE, Unit.MILLISECONDS),
    SUCCEED_PROCESSING_RECORDS("SucceedProcessing.Records", Statistic.SUM, Unit.COUNT),
    SUCCEED_PROCESSING_BYTES("SucceedProcessing.Bytes", Statistic.SUM, Unit.BYTES),
    /** Records that ended in {@code processing-failed}: marked so by the processor, or in an invocation that failed. */
    FAILED_PROCESSING_RECORDS("FailedProcessing.Records", Statistic.SUM, Unit.COUNT),
    SUCCEED_CONVERSION_RECORDS("SucceedConversion.Records", Statistic.SUM, Unit.COUNT),
    SUCCEED_CONVERSION_BYTES("SucceedConversion.Bytes", Statistic.SUM, Unit.BYTES),
    FAILED_CONVERSION_RECORDS("FailedConversion.Records", Statistic.SUM, Unit.COUNT),
    FAILED_CONVERSION_BYTES("FailedConversion.Bytes", Statistic.SUM, Unit.BYTES),
    DELIVERY_TO_S3_RECORDS("DeliveryToS3.Records", Statistic.SUM, Unit.COUNT),
    DELIVERY_TO_S3_BYTES("DeliveryToS3.Bytes", Statistic.SUM, Unit.BYTES),
    /** Successful S3 puts over all S3 puts, 0..1 per data point. */
    DELIVERY_TO_S3_SUCCESS("DeliveryToS3.Success", Statistic.AVERAGE, Unit.NONE),
    /** Age of the oldest record not yet delivered to S3. */
    DELIVERY_TO_S3_DATA_FRESHNESS("DeliveryToS3.DataFreshness", Statistic.MAXIMUM, Unit.SECONDS),
    DELIVERY_TO_S3_OBJECT_COUNT("DeliveryToS3.ObjectCount", Statistic.SUM, Unit.COUNT),
    /** Active partitions (dynamic partitioning). */
    PARTITION_COUNT("PartitionCount", Statistic.MAXIMUM, Unit.COUNT),
    /** 1 when records were beyond the active partition quota, else 0. */
    PARTITION_COUNT_EXCEEDED("PartitionCountExceeded", Statistic.MAXIMUM, Unit.COUNT),
    THROTTLED_RECORDS("ThrottledRecords", Statistic.SUM, Unit.COUNT),
    THROTTLED_GET_RECORDS("ThrottledGetRecords", Statistic.SUM, Unit.COUNT),
    THROTTLED_GET_SHARD_ITERATOR("ThrottledGetShardIterator", Statistic.SUM, Unit.COUNT),
    THROTTLED_DESCRIBE_STREAM("ThrottledDescribeStream", Statistic.SUM, Unit.COUNT),
    KINESIS_MILLIS_BEHIND_LATEST("KinesisMillisBehindLatest", Statistic.MAXIMUM, Unit.MILLISECONDS),
    /** Records the processor returned Dropped: not a Firehose metric (Firehose keeps no such count). */
    DROPPED_PROCESSING_RECORDS("DroppedProcessing.Records", Statistic.SUM, Unit.COUNT, FirehoseMetric.LOCAL_NAMESPACE);

    /** The CloudWatch namespace Firehose publishes to. */
    public static final String NAMESPACE = "AWS/Firehose";
    /** The local Firehose's own counters, kept apart from Firehose's namespace. */
    public static final String LOCAL_NAMESPACE = "firelake/LocalFirehose";
    /** The dimension that selects one delivery stream. */
    public static final String DIMENSION = "DeliveryStreamName";

    public enum Statistic {
        SUM("Sum"), AVERAGE("Average"), MAXIMUM("Maximum");

        private final String cloudWatchName;

        Statistic(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** CloudWatch unit names. */
    public static final class Unit {
        public static final String COUNT = "Count";
        public static final String BYTES = "Bytes";
        public static final String SECONDS = "Seconds";
        public static final String MILLISECONDS = "Milliseconds";
        public static final String NONE = "None";

        private Unit() {
        }
    }

    private final String metricName;
    private final Statistic statistic;
    private final String unit;
    private final String namespace;

    FirehoseMetric(String metricName, Statistic statistic, String unit) {
        this(metricName, statistic, unit, NAMESPACE);
    }

    FirehoseMetric(String metricName, Statistic statistic, String unit, String namespace) {
        this.metricName = metricName;
        this.statistic = statistic;
        this.unit = unit;
        this.namespace = namespace;
    }

    public String metricName() {
        return metricName;
    }

    public Statistic statistic() {
        return statistic;
    }

    public String unit() {
        return unit;
    }

    public String namespace() {
        return namespace;
    }

    /** Whether Firehose publishes it to CloudWatch (the others only the local Firehose writes). */
    public boolean inCloudWatch() {
        return NAMESPACE.equals(namespace);
    }

    public static Optional<FirehoseMetric> byName(String metricName) {
        return Arrays.stream(values()).filter(m -> m.metricName.equals(metricName)).findFirst();
    }
}
