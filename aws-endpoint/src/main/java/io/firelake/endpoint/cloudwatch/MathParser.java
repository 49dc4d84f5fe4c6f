package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.cloudwatch.MetricMath.Many;
import io.firelake.endpoint.cloudwatch.MetricMath.Scalar;
import io.firelake.endpoint.cloudwatch.MetricMath.Series;
import io.firelake.endpoint.cloudwatch.MetricMath.Value;
import io.firelake.endpoint.json.AwsServiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of a metric math expression, read by recursive descent and evaluated as it is read: {@code + -} over
 * {@code * /} over a right-associative {@code ^} over unary minus, then numbers, parentheses, arrays, ids of other
 * queries and function calls (whose arguments may be strings, for {@code METRICS('label')}). The values are combined
 * by {@link SeriesArithmetic}, the functions applied by {@link MathFunctions}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html">Metric math syntax and functions</a>
 */
final class MathParser {

    private final MetricMath.Expression expression;
    private final String text;
    private final MathFunctions functions;
    private int pos;

    private MathParser(MetricMath.Expression expression) {
        this.expression = expression;
        this.text = expression.text();
        this.functions = new MathFunctions(expression);
    }

    static Value evaluate(MetricMath.Expression expression) {
        MathParser parser = new MathParser(expression);
        Value value = parser.sum();
        parser.skipSpaces();
        if (parser.pos < parser.text.length()) {
            throw parser.error("Syntax error at position " + (parser.pos + 1) + ": unexpected '"
                    + parser.text.charAt(parser.pos) + "'");
        }
        return value;
    }

    private Value sum() {
        Value left = product();
        while (true) {
            if (accept('+')) {
                left = SeriesArithmetic.combine(left, product(), Double::sum);
            } else if (accept('-')) {
                left = SeriesArithmetic.combine(left, product(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = power();
        while (true) {
            if (accept('*')) {
                left = SeriesArithmetic.combine(left, power(), (a, b) -> a * b);
            } else if (accept('/')) {
                left = SeriesArithmetic.combine(left, power(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Value power() {
        Value base = unary();
        return accept('^') ? SeriesArithmetic.combine(base, power(), Math::pow) : base;
    }

    private Value unary() {
        return accept('-') ? SeriesArithmetic.map(unary(), v -> -v) : primary();
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
            return number();
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (accept('(')) {
                return functions.call(name, arguments());
            }
            if (name.equals(expression.id())) {
                throw error("Circular reference: the expression refers to its own id " + expression.id());
            }
            Value value = expression.scope().byId(name);
            if (value == null) {
                throw error("Unrecognized metric id or function: " + name);
            }
            return value;
        }
        throw error("Syntax error at position " + (pos + 1) + ": unexpected '" + c + "'");
    }

    private Value number() {
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

    /** A function's arguments after its '(': values, or strings in single quotes. */
    private List<Object> arguments() {
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
        return args;
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
        return expression.error(why);
    }
}
