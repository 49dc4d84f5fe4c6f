package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.json.AwsServiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch metric math over the results of a GetMetricData call: numbers, the ids of other queries, {@code + - * /
 * ^}, parentheses, arrays ({@code [m1, m2]}) and the functions ABS, AVG, CEIL, DIFF, FILL, FLOOR, MAX, METRICS, MIN,
 * PERIOD, RATE and SUM. As in CloudWatch, an operation between two time series keeps the timestamps both have; SUM,
 * AVG, MIN and MAX of one series are a number, of an array of series a series (per timestamp).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html">Metric math syntax and functions</a>
 */
final class MetricMath {

    /** A value of an expression: a number, a time series or an array of them. */
    sealed interface Value permits Scalar, Series, Many {
    }

    record Scalar(double value) implements Value {
    }

    record Series(TimeSeries series) implements Value {
    }

    record Many(List<TimeSeries> series) implements Value {
    }

    /** What an expression can refer to: the other queries' results by id, and the request's metrics for METRICS(). */
    interface Scope {
        Value byId(String id);

        List<TimeSeries> metrics(String labelFilter);

        int period();
    }

    /** The expression being evaluated: its query's id and text (for the error messages) and what it refers to. */
    record Expression(String id, String text, Scope scope) {

        /** CloudWatch's error for a bad expression, naming its id and text. */
        AwsServiceException error(String why) {
            return CloudWatchErrors.validation("Error in expression " + id + " '" + text + "': " + why);
        }
    }

    private MetricMath() {
    }

    static Value evaluate(String id, String expression, Scope scope) {
        return MathParser.evaluate(new Expression(id, expression, scope));
    }

    /** The ids an expression refers to, to evaluate those first. */
    static List<String> references(String expression) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_'])([a-z][A-Za-z0-9_]*)(?!\\s*\\()")
                .matcher(expression.replaceAll("'[^']*'", "''"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
