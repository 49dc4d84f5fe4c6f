package io.firelake.endpoint.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * PutMetricAlarm's request as an {@link AlarmDefinition}, with CloudWatch's rules: a metric (namespace, name,
 * statistic, period) or Metrics (math, one returning data), not both; a period of 10, 30 or a multiple of 60; at most
 * a day of evaluation (7 days for periods of an hour or more); DatapointsToAlarm no more than EvaluationPeriods.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html">PutMetricAlarm</a>
 */
final class AlarmRequests {

    private AlarmRequests() {
    }

    static AlarmDefinition definition(PutMetricAlarmRequest r) {
        boolean single = r.metricName() != null || r.namespace() != null || r.statistic() != null
                || r.period() != null || r.extendedStatistic() != null;
        if (single && r.hasMetrics()) {
            throw CloudWatchErrors.invalidCombination("The parameters MetricName, Namespace, Statistic, Period and "
                    + "Metrics cannot be given together: use either a metric or Metrics.");
        }
        if (r.extendedStatistic() != null) {
            throw CloudWatchErrors.invalidValue("ExtendedStatistic is not served by firelake's local CloudWatch: it "
                    + "keeps a statistic set per second, not the values percentiles need.");
        }
        if (r.thresholdMetricId() != null || r.threshold() == null) {
            throw r.threshold() == null ? CloudWatchErrors.missing("Threshold")
                    : CloudWatchErrors.invalidValue("Anomaly detection thresholds (ThresholdMetricId) are not served "
                    + "by firelake's local CloudWatch.");
        }
        AlarmDefinition.Comparison comparison;
        try {
            comparison = AlarmDefinition.Comparison.valueOf(r.comparisonOperatorAsString());
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.invalidValue("ComparisonOperator " + r.comparisonOperatorAsString()
                    + " needs an anomaly detection band, which firelake's local CloudWatch does not serve.");
        }
        AlarmDefinition.MissingData missing;
        try {
            missing = r.treatMissingData() == null ? AlarmDefinition.MissingData.missing
                    : AlarmDefinition.MissingData.valueOf(r.treatMissingData());
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.validation("The value " + r.treatMissingData() + " for parameter TreatMissingData "
                    + "is not valid: it must be breaching, notBreaching, ignore or missing.");
        }
        int evaluations = r.evaluationPeriods();
        int toAlarm = r.datapointsToAlarm() == null ? evaluations : r.datapointsToAlarm();
        if (toAlarm > evaluations) {
            throw CloudWatchErrors.validation("DatapointsToAlarm (" + toAlarm + ") must be less than or equal to "
                    + "EvaluationPeriods (" + evaluations + ").");
        }
        AlarmDefinition definition;
        if (single) {
            for (String[] p : new String[][]{{"MetricName", r.metricName()}, {"Namespace", r.namespace()},
                    {"Statistic", r.statisticAsString()}}) {
                if (p[1] == null) {
                    throw CloudWatchErrors.missing(p[0]);
                }
            }
            if (r.period() == null) {
                throw CloudWatchErrors.missing("Period");
            }
            definition = new AlarmDefinition(r.alarmName(), r.alarmDescription(), new MetricKey(r.namespace(),
                    r.metricName(), CloudWatchApi.dimensions(r.dimensions())), r.statisticAsString(), r.period(),
                    r.unitAsString(), List.of(), evaluations, toAlarm, r.threshold(), comparison, missing);
        } else if (r.hasMetrics()) {
            List<MetricData.Query> queries = new ArrayList<>();
            r.metrics().forEach(q -> queries.add(CloudWatchApi.query(q)));
            if (queries.stream().filter(MetricData.Query::returnData).count() != 1) {
                throw CloudWatchErrors.validation("Exactly one element of the Metrics list must have ReturnData set "
                        + "to true.");
            }
            definition = new AlarmDefinition(r.alarmName(), r.alarmDescription(), null, null, null, null,
                    sortReturned(queries), evaluations, toAlarm, r.threshold(), comparison, missing);
        } else {
            throw CloudWatchErrors.missing("MetricName or Metrics");
        }
        int period = definition.evaluatedPeriod();
        if (period != 10 && period != 30 && period % 60 != 0) {
            throw CloudWatchErrors.validation("The parameter Period must be 10, 30 or a multiple of 60.");
        }
        long evaluated = (long) period * evaluations;
        long limit = period >= 3600 ? 7 * 86_400 : 86_400;
        if (evaluated > limit) {
            throw CloudWatchErrors.validation("The evaluation period (Period x EvaluationPeriods = " + evaluated
                    + " s) must not exceed " + (limit == 86_400 ? "one day" : "seven days") + ".");
        }
        return definition;
    }

    /** The query that returns data first, as the evaluator reads the first result. */
    private static List<MetricData.Query> sortReturned(List<MetricData.Query> queries) {
        List<MetricData.Query> sorted = new ArrayList<>(queries);
        sorted.sort((a, b) -> Boolean.compare(b.returnData(), a.returnData()));
        return sorted;
    }

    static List<MetricDataQuery> queries(List<MetricData.Query> queries) {
        return queries.stream().map(q -> MetricDataQuery.builder().id(q.id()).label(q.label())
                .returnData(q.returnData()).expression(q.expression()).period(q.period())
                .metricStat(q.stat() == null ? null : MetricStat.builder().period(q.stat().period())
                        .stat(q.stat().stat()).unit(q.stat().unit())
                        .metric(Metric.builder().namespace(q.stat().metric().namespace())
                                .metricName(q.stat().metric().name())
                                .dimensions(q.stat().metric().dimensions().entrySet().stream()
                                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build())
                                        .toList()).build()).build()).build()).toList();
    }
}
