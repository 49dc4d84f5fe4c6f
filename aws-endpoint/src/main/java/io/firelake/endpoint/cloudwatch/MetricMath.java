package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.json.AwsServiceException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

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

    private final String id;
    private final String text;
    private final Scope scope;
    private int pos;

    private MetricMath(String id, String text, Scope scope) {
        this.id = id;
        this.text = text;
        this.scope = scope;
    }

    static Value evaluate(String id, String expression, Scope scope) {
        MetricMath math = new MetricMath(id, expression, scope);
        Value value = math.sum();
        math.skipSpaces();
        if (math.pos < expression.length()) {
            throw math.error("Syntax error at position " + (math.pos + 1) + ": unexpected '"
                    + expression.charAt(math.pos) + "'");
        }
        return value;
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

    private Value sum() {
        Value left = product();
        while (true) {
            if (accept('+')) {
                left = combine(left, product(), Double::sum);
            } else if (accept('-')) {
                left = combine(left, product(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = power();
        while (true) {
            if (accept('*')) {
                left = combine(left, power(), (a, b) -> a * b);
            } else if (accept('/')) {
                left = combine(left, power(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Value power() {
        Value base = unary();
        return accept('^') ? combine(base, power(), Math::pow) : base;
    }

    private Value unary() {
        return accept('-') ? map(unary(), v -> -v) : primary();
    }

    private Value primary() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("Syntax error: the expression ends where a value is expected");
        }
        char c = text.charAt(pos);
        if (accept('(')) {
            Value inner = sum();
            expect(')');
            return inner;
        }
        if (accept('[')) {
            List<TimeSeries> items = new ArrayList<>();
            do {
                items.addAll(seriesOf(sum()));
            } while (accept(','));
            expect(']');
            return new Many(items);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            try {
                return new Scalar(Double.parseDouble(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw error("Syntax error: '" + text.substring(start, pos) + "' is not a number");
            }
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (accept('(')) {
                return function(name);
            }
            if (name.equals(id)) {
                throw error("Circular reference: the expression refers to its own id " + id);
            }
            Value value = scope.byId(name);
            if (value == null) {
                throw error("Unrecognized metric id or function: " + name);
            }
            return value;
        }
        throw error("Syntax error at position " + (pos + 1) + ": unexpected '" + c + "'");
    }

    private Value function(String name) {
        List<Object> args = new ArrayList<>();
        skipSpaces();
        if (!accept(')')) {
            do {
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    int end = text.indexOf('\'', pos + 1);
                    if (end < 0) {
                        throw error("Syntax error: unterminated string");
                    }
                    args.add(text.substring(pos + 1, end));
                    pos = end + 1;
                } else {
                    args.add(sum());
                }
            } while (accept(','));
            expect(')');
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "METRICS" -> new Many(scope.metrics(args.isEmpty() ? "" : String.valueOf(args.get(0))));
            case "PERIOD" -> new Scalar(scope.period());
            case "ABS" -> map(value(upper, args, 0, 1), Math::abs);
            case "CEIL" -> map(value(upper, args, 0, 1), Math::ceil);
            case "FLOOR" -> map(value(upper, args, 0, 1), Math::floor);
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
        long step = scope.period();
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

    private Value map(Value value, DoubleUnaryOperator op) {
        if (value instanceof Scalar s) {
            return new Scalar(op.applyAsDouble(s.value()));
        }
        if (value instanceof Series s) {
            return new Series(mapSeries(s.series(), op));
        }
        return new Many(((Many) value).series().stream().map(s -> mapSeries(s, op)).toList());
    }

    private static TimeSeries mapSeries(TimeSeries s, DoubleUnaryOperator op) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = op.applyAsDouble(s.values()[i]);
        }
        return new TimeSeries(s.times(), v);
    }

    private Value combine(Value a, Value b, DoubleBinaryOperator op) {
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

    private List<TimeSeries> seriesOf(Value v) {
        if (v instanceof Series s) {
            return List.of(s.series());
        }
        if (v instanceof Many m) {
            return m.series();
        }
        throw error("an array holds time series, not the number " + ((Scalar) v).value());
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("Syntax error at position " + (pos + 1) + ": expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private AwsServiceException error(String why) {
        return CloudWatchErrors.validation("Error in expression " + id + " '" + text + "': " + why);
    }
}
