package io.firelake.endpoint.cloudwatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a metric alarm as CloudWatch does at each minute: the alarm's statistic over its last
 * {@code EvaluationPeriods} periods (the period now is in counts once it has data; before, the ones before it are
 * the last), missing periods counted as
 * TreatMissingData says, ALARM when at least {@code DatapointsToAlarm} breach the threshold, OK otherwise,
 * INSUFFICIENT_DATA when no period has data and missing data is "missing" ("ignore" keeps the state it has).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-evaluation">Evaluating an alarm</a>
 */
final class AlarmEvaluator {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final MetricData data;

    AlarmEvaluator(MetricData data) {
        this.data = data;
    }

    AlarmState evaluate(AlarmDefinition alarm, AlarmState current, Instant now) {
        int period = alarm.evaluatedPeriod();
        int n = alarm.evaluationPeriods();
        // One period more than evaluated: the one now is in counts once it has data, else the N before it.
        long end = (Math.floorDiv(now.getEpochSecond(), period) + 1) * period;
        long start = end - (long) (n + 1) * period;
        List<MetricData.Query> queries = alarm.metrics().isEmpty()
                ? List.of(new MetricData.Query("m1", null, true, new MetricData.StatQuery(alarm.metric(), period,
                alarm.statistic(), alarm.unit()), null, null))
                : alarm.metrics();
        MetricData.Answer answer = data.get(new MetricData.Request(queries, Instant.ofEpochSecond(start),
                Instant.ofEpochSecond(end), true, null, null), now);
        double[] values = new double[n + 1];
        java.util.Arrays.fill(values, Double.NaN);
        MetricData.Result result = answer.results().get(0);
        for (int i = 0; i < result.timestamps().size(); i++) {
            int index = (int) ((result.timestamps().get(i).getEpochSecond() - start) / period);
            if (index >= 0 && index <= n) {
                values[index] = result.values().get(i);
            }
        }
        boolean currentHasData = !Double.isNaN(values[n]);
        double[] evaluated = java.util.Arrays.copyOfRange(values, currentHasData ? 1 : 0, currentHasData ? n + 1 : n);
        return decide(alarm, current, evaluated, currentHasData ? start + period : start, period, now);
    }

    private static AlarmState decide(AlarmDefinition alarm, AlarmState current, double[] values, long start,
                                     int period, Instant now) {
        int present = 0;
        int breachingPresent = 0;
        List<String> shown = new ArrayList<>();
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                present++;
                shown.add(values[i] + " (" + SHOWN.format(Instant.ofEpochSecond(start + (long) i * period)) + ")");
                if (alarm.comparison().breaches(values[i], alarm.threshold())) {
                    breachingPresent++;
                }
            }
        }
        int missing = values.length - present;
        AlarmDefinition.MissingData treat = alarm.treatMissingData();
        boolean missingCounts = treat == AlarmDefinition.MissingData.breaching
                || treat == AlarmDefinition.MissingData.notBreaching;
        String missingAs = treat == AlarmDefinition.MissingData.breaching ? "Breaching" : "NonBreaching";
        int breaching = breachingPresent + (treat == AlarmDefinition.MissingData.breaching ? missing : 0);
        String state;
        String reason;
        if (present == 0 && !missingCounts) {
            if (treat == AlarmDefinition.MissingData.ignore) {
                return current;
            }
            state = AlarmState.INSUFFICIENT_DATA;
            reason = "Insufficient Data: " + plural(values.length, "datapoint")
                    + (values.length == 1 ? " was" : " were") + " unknown.";
        } else {
            state = breaching >= alarm.datapointsToAlarm() ? AlarmState.ALARM : AlarmState.OK;
            String minimum = " (minimum " + plural(alarm.datapointsToAlarm(), "datapoint")
                    + " for OK -> ALARM transition).";
            reason = present == 0
                    ? "Threshold Crossed: no datapoints were received for " + plural(values.length, "period") + " and "
                    + plural(missing, "missing datapoint") + (missing == 1 ? " was" : " were") + " treated as ["
                    + missingAs + "]" + minimum
                    : "Threshold Crossed: " + breachingPresent + " out of the last " + values.length + " datapoints "
                    + shown + " " + (breachingPresent == 1 ? "was " : "were ") + alarm.comparison().words()
                    + " the threshold (" + alarm.threshold() + ")"
                    + (missing == 0 ? "" : missingCounts ? " and " + plural(missing, "missing datapoint")
                    + (missing == 1 ? " was" : " were") + " treated as [" + missingAs + "]"
                    : " and " + missing + (missing == 1 ? " was" : " were") + " missing") + minimum;
        }
        if (current != null && current.value().equals(state)) {
            return new AlarmState(state, current.reason(), current.updated());
        }
        return new AlarmState(state, reason, now);
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
