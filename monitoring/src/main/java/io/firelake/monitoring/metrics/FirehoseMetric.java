package io.firelake.monitoring.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Firehose delivery-stream metrics monitoring reads, with the names Firehose publishes in the {@code AWS/Firehose}
 * CloudWatch namespace (dimension {@code DeliveryStreamName}) and the statistic that makes sense for each.
 * The local Firehose publishes the same names, so one evaluator serves both.
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
    SUCCEED_CONVERSION_RECORDS("SucceedConversion.Records", Statistic.SUM, Unit.COUNT),
    FAILED_CONVERSION_RECORDS("FailedConversion.Records", Statistic.SUM, Unit.COUNT),
    DELIVERY_TO_S3_RECORDS("DeliveryToS3.Records", Statistic.SUM, Unit.COUNT),
    DELIVERY_TO_S3_BYTES("DeliveryToS3.Bytes", Statistic.SUM, Unit.BYTES),
    /** Successful S3 puts over all S3 puts, 0..1 per data point. */
    DELIVERY_TO_S3_SUCCESS("DeliveryToS3.Success", Statistic.AVERAGE, Unit.NONE),
    /** Age of the oldest record not yet delivered to S3. */
    DELIVERY_TO_S3_DATA_FRESHNESS("DeliveryToS3.DataFreshness", Statistic.MAXIMUM, Unit.SECONDS),
    THROTTLED_RECORDS("ThrottledRecords", Statistic.SUM, Unit.COUNT),
    THROTTLED_GET_RECORDS("ThrottledGetRecords", Statistic.SUM, Unit.COUNT),
    THROTTLED_GET_SHARD_ITERATOR("ThrottledGetShardIterator", Statistic.SUM, Unit.COUNT),
    THROTTLED_DESCRIBE_STREAM("ThrottledDescribeStream", Statistic.SUM, Unit.COUNT),
    KINESIS_MILLIS_BEHIND_LATEST("KinesisMillisBehindLatest", Statistic.MAXIMUM, Unit.MILLISECONDS);

    /** The CloudWatch namespace Firehose publishes to. */
    public static final String NAMESPACE = "AWS/Firehose";
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

    FirehoseMetric(String metricName, Statistic statistic, String unit) {
        this.metricName = metricName;
        this.statistic = statistic;
        this.unit = unit;
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

    public static Optional<FirehoseMetric> byName(String metricName) {
        return Arrays.stream(values()).filter(m -> m.metricName.equals(metricName)).findFirst();
    }
}
