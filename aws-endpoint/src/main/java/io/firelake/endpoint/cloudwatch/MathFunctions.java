package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.cloudwatch.MetricMath.Many;
import io.firelake.endpoint.cloudwatch.MetricMath.Scalar;
import io.firelake.endpoint.cloudwatch.MetricMath.Series;
import io.firelake.endpoint.cloudwatch.MetricMath.Value;
import io.firelake.endpoint.json.AwsServiceException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * The metric math functions served: ABS, AVG, CEIL, DIFF, FILL, FLOOR, MAX, METRICS, MIN, PERIOD, RATE and SUM. SUM,
 * AVG, MIN and MAX of one series are a number, of an array of series a series (per timestamp), as in CloudWatch.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html#metric-math-syntax-functions-list">Metric math functions</a>
 */
final class MathFunctions {

    private final MetricMath.Expression expression;

    MathFunctions(MetricMath.Expression expression) {
        this.expression = expression;
    }

    /** The function {@code name} (any case) of these arguments: values, or strings. */
    Value call(String name, List<Object> args) {
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "METRICS" -> new Many(expression.scope().metrics(args.isEmpty() ? "" : String.valueOf(args.get(0))));
            case "PERIOD" -> new Scalar(expression.scope().period());
            case "ABS" -> SeriesArithmetic.map(value(upper, args, 0, 1), Math::abs);
            case "CEIL" -> SeriesArithmetic.map(value(upper, args, 0, 1), Math::ceil);
            case "FLOOR" -> SeriesArithmetic.map(value(upper, args, 0, 1), Math::floor);
            case "SUM", "AVG", "MIN", "MAX" -> aggregate(upper, value(upper, args, 0, 1));
            case "DIFF" -> perSeries(value(upper, args, 0, 1), false);
            case "RATE" -> perSeries(value(upper, args, 0, 1), true);
            case "FILL" -> fill(value(upper, args, 0, 2), value(upper, args, 1, 2));
            default -> throw error("Unrecognized function: " + name);
        };
    }

    private Value value(String function, List<Object> args, int index, int arity) {
        if (args.size() != arity) {
            throw error(function + " takes " + arity + (arity == 1 ? " argument" : " arguments") + ", not "
                    + args.size());
        }
        if (!(args.get(index) instanceof Value v)) {
            throw error(function + ": argument " + (index + 1) + " must be a metric or a number, not a string");
        }
        return v;
    }

    private Value aggregate(String function, Value of) {
        DoubleBinaryOperator op = switch (function) {
            case "MIN" -> Math::min;
            case "MAX" -> Math::max;
            default -> Double::sum;
        };
        boolean average = function.equals("AVG");
        if (of instanceof Scalar) {
            return of;
        }
        if (of instanceof Series s) {
            double[] v = s.series().values();
            if (v.length == 0) {
                return new Scalar(Double.NaN);
            }
            double acc = v[0];
            for (int i = 1; i < v.length; i++) {
                acc = op.applyAsDouble(acc, v[i]);
            }
            return new Scalar(average ? acc / v.length : acc);
        }
        List<TimeSeries> all = ((Many) of).series();
        java.util.TreeMap<Long, double[]> byTime = new java.util.TreeMap<>();
        for (TimeSeries s : all) {
            for (int i = 0; i < s.size(); i++) {
                double value = s.values()[i];
                byTime.merge(s.times()[i], new double[]{value, 1},
                        (a, b) -> new double[]{op.applyAsDouble(a[0], b[0]), a[1] + b[1]});
            }
        }
        long[] t = new long[byTime.size()];
        double[] v = new double[byTime.size()];
        int n = 0;
        for (Map.Entry<Long, double[]> e : byTime.entrySet()) {
            t[n] = e.getKey();
            v[n++] = average ? e.getValue()[0] / e.getValue()[1] : e.getValue()[0];
        }
        return new Series(new TimeSeries(t, v));
    }

    private Value perSeries(Value of, boolean rate) {
        if (of instanceof Many many) {
            return new Many(many.series().stream().map(s -> difference(s, rate)).toList());
        }
        if (of instanceof Series s) {
            return new Series(difference(s.series(), rate));
        }
        throw error((rate ? "RATE" : "DIFF") + " needs a time series");
    }

    private static TimeSeries difference(TimeSeries s, boolean rate) {
        if (s.size() < 2) {
            return TimeSeries.EMPTY;
        }
        long[] t = Arrays.copyOfRange(s.times(), 1, s.size());
        double[] v = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            double d = s.values()[i] - s.values()[i - 1];
            v[i - 1] = rate ? d / (s.times()[i] - s.times()[i - 1]) : d;
        }
        return new TimeSeries(t, v);
    }

    /** FILL(m, value): every period of the request's grid gets a value, the series' or the filler. */
    private Value fill(Value of, Value with) {
        if (!(with instanceof Scalar filler)) {
            throw error("FILL: the value to fill with must be a number");
        }
        long step = expression.scope().period();
        java.util.function.UnaryOperator<TimeSeries> filled = s -> {
            if (s.size() == 0) {
                return s;
            }
            long first = s.times()[0];
            long last = s.times()[s.size() - 1];
            int n = (int) ((last - first) / step) + 1;
            long[] t = new long[n];
            double[] v = new double[n];
            Arrays.fill(v, filler.value());
            for (int i = 0; i < n; i++) {
                t[i] = first + i * step;
            }
            for (int i = 0; i < s.size(); i++) {
                v[(int) ((s.times()[i] - first) / step)] = s.values()[i];
            }
            return new TimeSeries(t, v);
        };
        if (of instanceof Many many) {
            return new Many(many.series().stream().map(filled).toList());
        }
        return of instanceof Series s ? new Series(filled.apply(s.series())) : of;
    }

    private AwsServiceException error(String why) {
        return expression.error(why);
    }
}
