package io.firelake.endpoint.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GetMetricStatistics (one metric, several statistics per period, at most 1,440 datapoints) and PutMetricData (custom
 * metrics into the store), with CloudWatch's checks.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html">GetMetricStatistics</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html">PutMetricData</a>
 */
final class MetricStatistics {

    /** PutMetricData accepts datapoints up to two weeks old. */
    static final Duration MAX_AGE = Duration.ofDays(14);

    private MetricStatistics() {
    }

    static GetMetricStatisticsResponse get(MetricData data, GetMetricStatisticsRequest r, Instant now) {
        if (r.hasExtendedStatistics() && !r.extendedStatistics().isEmpty()) {
            throw CloudWatchErrors.invalidValue("The parameter ExtendedStatistics is not served by firelake's local "
                    + "CloudWatch: it keeps a statistic set per second, not the values percentiles need.");
        }
        if (!r.hasStatistics() || r.statistics().isEmpty()) {
            throw CloudWatchErrors.missing("Statistics or ExtendedStatistics");
        }
        if (!TimeGrid.validPeriod(r.period())) {
            throw CloudWatchErrors.invalidValue("The parameter Period must be 1, 5, 10, 30 or a multiple of 60.");
        }
        if (!r.startTime().isBefore(r.endTime())) {
            throw CloudWatchErrors.invalidCombination("The parameter StartTime must be less than the parameter "
                    + "EndTime.");
        }
        long requested = TimeGrid.of(r.startTime(), r.endTime(), r.period(), now).periods();
        if (requested > CloudWatchApi.MAX_STATISTICS_DATAPOINTS) {
            throw CloudWatchErrors.invalidCombination("You have requested up to " + requested + " datapoints, which "
                    + "exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or "
                    + "decreasing the time range.");
        }
        MetricKey key = new MetricKey(r.namespace(), r.metricName(), CloudWatchApi.dimensions(r.dimensions()));
        List<String> stats = r.statisticsAsStrings();
        List<MetricData.Query> queries = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            queries.add(new MetricData.Query("s" + i, null, true,
                    new MetricData.StatQuery(key, r.period(), stats.get(i), r.unitAsString()), null, null));
        }
        MetricData.Answer answer = data.get(new MetricData.Request(queries, r.startTime(), r.endTime(), true, null,
                null), now);
        String unit = data.unit(key).orElse(r.unitAsString());
        Map<Instant, Datapoint.Builder> byTime = new TreeMap<>();
        for (int i = 0; i < stats.size(); i++) {
            MetricData.Result result = answer.results().get(i);
            for (int k = 0; k < result.timestamps().size(); k++) {
                Datapoint.Builder point = byTime.computeIfAbsent(result.timestamps().get(k),
                        t -> Datapoint.builder().timestamp(t).unit(unit));
                double v = result.values().get(k);
                switch (stats.get(i)) {
                    case "SampleCount" -> point.sampleCount(v);
                    case "Average" -> point.average(v);
                    case "Sum" -> point.sum(v);
                    case "Minimum" -> point.minimum(v);
                    default -> point.maximum(v);
                }
            }
        }
        return GetMetricStatisticsResponse.builder().label(r.metricName())
                .datapoints(byTime.values().stream().map(Datapoint.Builder::build).toList()).build();
    }

    static void put(MetricStore store, PutMetricDataRequest r, Instant now) {
        if (r.namespace().startsWith("AWS/")) {
            throw CloudWatchErrors.invalidValue("The value " + r.namespace() + " for parameter Namespace is not "
                    + "valid: namespaces starting with AWS/ are reserved for AWS services.");
        }
        if (r.metricData().size() > CloudWatchApi.MAX_METRIC_DATA) {
            throw CloudWatchErrors.validation("The collection MetricData must not have a size greater than "
                    + CloudWatchApi.MAX_METRIC_DATA + ".");
        }
        for (int i = 0; i < r.metricData().size(); i++) {
            MetricDatum d = r.metricData().get(i);
            String at = "MetricData.member." + (i + 1);
            Instant t = d.timestamp() == null ? now : d.timestamp();
            if (t.isBefore(now.minus(MAX_AGE)) || t.isAfter(now.plus(TimeGrid.FUTURE))) {
                throw CloudWatchErrors.invalidValue("The parameter " + at + ".Timestamp must specify a time no more "
                        + "than two weeks in the past and no more than two hours in the future.");
            }
            int forms = (d.value() != null ? 1 : 0) + (d.statisticValues() != null ? 1 : 0) + (d.hasValues() ? 1 : 0);
            if (forms != 1) {
                throw CloudWatchErrors.invalidCombination("The parameters " + at + ".Value, " + at
                        + ".StatisticValues and " + at + ".Values are mutually exclusive and one is required.");
            }
        }
        for (MetricDatum d : r.metricData()) {
            MetricKey key = new MetricKey(r.namespace(), d.metricName(), CloudWatchApi.dimensions(d.dimensions()));
            Instant t = d.timestamp() == null ? now : d.timestamp();
            if (d.value() != null) {
                store.put(key, t, d.value(), d.unitAsString());
            } else if (d.statisticValues() != null) {
                var s = d.statisticValues();
                store.putSet(key, t, s.sum(), s.minimum(), s.maximum(), s.sampleCount(), d.unitAsString());
            } else {
                for (int k = 0; k < d.values().size(); k++) {
                    double count = d.hasCounts() ? d.counts().get(k) : 1;
                    double v = d.values().get(k);
                    store.putSet(key, t, v * count, v, v, count, d.unitAsString());
                }
            }
        }
    }
}
