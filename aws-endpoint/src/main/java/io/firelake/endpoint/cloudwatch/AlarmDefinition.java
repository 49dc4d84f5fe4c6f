package io.firelake.endpoint.cloudwatch;

import java.util.List;

/**
 * A metric alarm as PutMetricAlarm defines it: one metric's statistic ({@code metric}, {@code statistic},
 * {@code period}) or a math expression over {@code metrics} (one of them returning data), compared with
 * {@code threshold} over the last {@code evaluationPeriods} periods; {@code datapointsToAlarm} of them breaching set
 * it to ALARM.
 */
public record AlarmDefinition(String name, String description, MetricKey metric, String statistic, Integer period,
                              String unit, List<MetricData.Query> metrics, int evaluationPeriods,
                              int datapointsToAlarm, double threshold, Comparison comparison,
                              MissingData treatMissingData) {

    public AlarmDefinition {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** The threshold comparisons CloudWatch evaluates against a static threshold. */
    public enum Comparison {
        GreaterThanOrEqualToThreshold(">="), GreaterThanThreshold(">"), LessThanThreshold("<"),
        LessThanOrEqualToThreshold("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean breaches(double value, double threshold) {
            return switch (this) {
                case GreaterThanOrEqualToThreshold -> value >= threshold;
                case GreaterThanThreshold -> value > threshold;
                case LessThanThreshold -> value < threshold;
                case LessThanOrEqualToThreshold -> value <= threshold;
            };
        }

        /** CloudWatch's wording in a state reason: "greater than", "less than or equal to"... */
        String words() {
            return switch (symbol) {
                case ">=" -> "greater than or equal to";
                case ">" -> "greater than";
                case "<" -> "less than";
                default -> "less than or equal to";
            };
        }
    }

    /**
     * TreatMissingData: how a period without datapoints counts.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data">Alarms and missing data</a>
     */
    public enum MissingData {
        breaching, notBreaching, ignore, missing
    }

    /** The period of the values compared with the threshold. */
    int evaluatedPeriod() {
        if (period != null) {
            return period;
        }
        return metrics.stream().filter(MetricData.Query::returnData)
                .map(q -> q.stat() != null ? Integer.valueOf(q.stat().period()) : q.period())
                .filter(java.util.Objects::nonNull).findFirst()
                .orElse(metrics.stream().filter(q -> q.stat() != null).map(q -> q.stat().period()).findFirst()
                        .orElse(60));
    }
}
