package io.firelake.endpoint.cloudwatch;

import java.util.Arrays;
import java.util.Optional;

/**
 * CloudWatch's statistics over the datapoints of a period. Percentiles and other extended statistics need the raw
 * values, which the local store does not keep (it keeps a statistic set per second, as a high-resolution metric).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html">Statistics</a>
 */
public enum Statistic {
    SAMPLE_COUNT("SampleCount"), AVERAGE("Average"), SUM("Sum"), MINIMUM("Minimum"), MAXIMUM("Maximum");

    private final String cloudWatchName;

    Statistic(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    public static Optional<Statistic> named(String name) {
        return Arrays.stream(values()).filter(s -> s.cloudWatchName.equals(name)).findFirst();
    }

    /** The statistic of one period from its statistic set; NaN when the period has no datapoint. */
    double of(double sum, double min, double max, double count) {
        if (count == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case SAMPLE_COUNT -> count;
            case AVERAGE -> sum / count;
            case SUM -> sum;
            case MINIMUM -> min;
            case MAXIMUM -> max;
        };
    }
}
