package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.cloudwatch.MetricMath.Many;
import io.firelake.endpoint.cloudwatch.MetricMath.Scalar;
import io.firelake.endpoint.cloudwatch.MetricMath.Series;
import io.firelake.endpoint.cloudwatch.MetricMath.Value;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The arithmetic of metric math values: a number with a number, a number with each point of a series, and two series
 * at the timestamps both have, as CloudWatch combines them; an array is combined series by series.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html">Metric math syntax and functions</a>
 */
final class SeriesArithmetic {

    private SeriesArithmetic() {
    }

    static Value map(Value value, DoubleUnaryOperator op) {
        if (value instanceof Scalar s) {
            return new Scalar(op.applyAsDouble(s.value()));
        }
        if (value instanceof Series s) {
            return new Series(mapSeries(s.series(), op));
        }
        return new Many(((Many) value).series().stream().map(s -> mapSeries(s, op)).toList());
    }

    static TimeSeries mapSeries(TimeSeries s, DoubleUnaryOperator op) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = op.applyAsDouble(s.values()[i]);
        }
        return new TimeSeries(s.times(), v);
    }

    static Value combine(Value a, Value b, DoubleBinaryOperator op) {
        if (a instanceof Scalar x && b instanceof Scalar y) {
            return new Scalar(op.applyAsDouble(x.value(), y.value()));
        }
        if (a instanceof Scalar x) {
            return map(b, v -> op.applyAsDouble(x.value(), v));
        }
        if (b instanceof Scalar y) {
            return map(a, v -> op.applyAsDouble(v, y.value()));
        }
        if (a instanceof Many m) {
            return new Many(m.series().stream().map(s -> ((Series) combine(new Series(s), b, op)).series()).toList());
        }
        if (b instanceof Many m) {
            return new Many(m.series().stream().map(s -> ((Series) combine(a, new Series(s), op)).series()).toList());
        }
        return new Series(join(((Series) a).series(), ((Series) b).series(), op));
    }

    /** Two series combined at the timestamps both have. */
    private static TimeSeries join(TimeSeries a, TimeSeries b, DoubleBinaryOperator op) {
        long[] t = new long[Math.min(a.size(), b.size())];
        double[] v = new double[t.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.size() && j < b.size()) {
            long ta = a.times()[i];
            long tb = b.times()[j];
            if (ta == tb) {
                t[n] = ta;
                v[n++] = op.applyAsDouble(a.values()[i++], b.values()[j++]);
            } else if (ta < tb) {
                i++;
            } else {
                j++;
            }
        }
        return new TimeSeries(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }
}
