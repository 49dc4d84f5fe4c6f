package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine.QueryFailure;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.StringLiteral;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Athena's {@code ExecutionParameters} bound to a statement's {@code ?} in order. Each is a SQL literal, as Athena
 * takes them ({@code '2026-11-20'} with its quotes, {@code 42}, {@code DATE '2026-11-20'}), read with Trino's parser
 * into the JDBC value DuckDB binds; an expression other than a literal is refused locally.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html">Parameterized queries</a>
 */
final class ExecutionParameters {

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).toFormatter();

    private final List<Object> values;
    private final List<String> texts;

    private ExecutionParameters(List<Object> values, List<String> texts) {
        this.values = values;
        this.texts = texts;
    }

    /**
     * @param literals the request's parameters
     * @param expected how many {@code ?} the statement has
     * @throws QueryFailure {@code INVALID_PARAMETER_USAGE} when the counts differ or a value is not a literal
     */
    static ExecutionParameters bind(List<String> literals, int expected) {
        if (literals.size() != expected) {
            throw QueryFailure.user(QueryFailure.INVALID_ARGUMENT, "INVALID_PARAMETER_USAGE: Incorrect number of "
                    + "parameters: expected " + expected + " but found " + literals.size());
        }
        List<Object> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String literal : literals) {
            Object value = value(literal);
            values.add(value);
            texts.add(value instanceof String s ? s : value instanceof LocalDate d ? d.toString() : null);
        }
        return new ExecutionParameters(values, texts);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Each parameter's text when it is a string or date literal (what partition pruning compares), else null. */
    List<String> texts() {
        return texts;
    }

    void applyTo(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    private static Object value(String literal) {
        Expression e;
        try {
            e = AthenaSql.parseLiteral(literal);
        } catch (ParsingException bad) {
            throw invalid(literal, bad.getMessage());
        }
        boolean negative = false;
        if (e instanceof ArithmeticUnaryExpression u) {
            negative = u.getSign() == ArithmeticUnaryExpression.Sign.MINUS;
            e = u.getValue();
        }
        Object value = literalValue(e, literal);
        if (!negative) {
            return value;
        }
        if (value instanceof Long l) {
            return -l;
        }
        if (value instanceof Double d) {
            return -d;
        }
        if (value instanceof BigDecimal d) {
            return d.negate();
        }
        throw invalid(literal, "only a number can be negative");
    }

    private static Object literalValue(Expression e, String literal) {
        if (e instanceof StringLiteral s) {
            return s.getValue();
        }
        if (e instanceof LongLiteral l) {
            return l.getParsedValue();
        }
        if (e instanceof DoubleLiteral d) {
            return d.getValue();
        }
        if (e instanceof DecimalLiteral d) {
            return new BigDecimal(d.getValue());
        }
        if (e instanceof BooleanLiteral b) {
            return b.getValue();
        }
        if (e instanceof NullLiteral) {
            return null;
        }
        if (e instanceof GenericLiteral g) {
            try {
                return switch (g.getType().toLowerCase()) {
                    case "date" -> LocalDate.parse(g.getValue());
                    case "timestamp" -> LocalDateTime.parse(g.getValue(), TIMESTAMP);
                    default -> g.getValue();
                };
            } catch (DateTimeParseException bad) {
                throw invalid(literal, bad.getMessage());
            }
        }
        throw invalid(literal, "the local Athena binds literals only ('text', 42, 1.5, true, DATE '2026-11-20', "
                + "TIMESTAMP '2026-11-20 10:00:00', NULL)");
    }

    private static QueryFailure invalid(String literal, String why) {
        return QueryFailure.user(QueryFailure.INVALID_ARGUMENT,
                "INVALID_PARAMETER_USAGE: the execution parameter " + literal + " is not a SQL literal: " + why);
    }
}
