package io.firelake.endpoint.glue.expression;

import io.firelake.endpoint.glue.expression.PartitionFilter.Key;
import io.firelake.endpoint.glue.expression.PartitionFilter.Operator;
import io.firelake.endpoint.json.AwsServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code Expression} of {@code GetPartitions}, the SQL {@code WHERE}-like filter Glue documents: a key
 * compared with a literal ({@code =}, {@code <>}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}),
 * {@code [NOT] LIKE 'pattern'}, {@code [NOT] IN (...)}, {@code [NOT] BETWEEN a AND b}, {@code IS [NOT] NULL}, terms
 * joined by {@code AND} (binding first), {@code OR}, {@code NOT} and parentheses. Literals are quoted strings
 * ({@code ''} for a quote) or numbers, read as the key's declared type, so {@code year BETWEEN 2015 AND 2018} selects
 * the string partitions {@code '2015'} to {@code '2018'} as the documentation's example does.
 *
 * <p>Refused with {@code InvalidInputException}: a key the table is not partitioned by ({@code Invalid partition
 * expression!}), {@code LIKE} on a key that is not a string, a literal that is not of the key's type, a key of a type
 * the filter does not know, and text that is not such an expression ({@code Unsupported expression '...'}).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html">GetPartitions</a>
 */
public final class PartitionExpressionParser {

    /** A partition key of the table as the catalog declares it. */
    public record KeyColumn(String name, String type) {
    }

    private final String expression;
    private final List<KeyColumn> columns;
    private final List<ExpressionTokens.Token> tokens;
    private int next;

    private PartitionExpressionParser(String expression, List<KeyColumn> columns) {
        this.expression = expression;
        this.columns = columns;
        this.tokens = ExpressionTokens.of(expression);
        if (tokens == null) {
            throw unsupported();
        }
    }

    /** The filter of {@code expression} over partitions of a table with these keys, in order. */
    public static PartitionFilter parse(String expression, List<KeyColumn> columns) {
        PartitionExpressionParser parser = new PartitionExpressionParser(expression, columns);
        PartitionFilter filter = parser.or();
        if (parser.next != parser.tokens.size()) {
            throw parser.unsupported();
        }
        return filter;
    }

    private PartitionFilter or() {
        PartitionFilter left = and();
        while (acceptWord("OR")) {
            left = new PartitionFilter.Or(left, and());
        }
        return left;
    }

    private PartitionFilter and() {
        PartitionFilter left = not();
        while (acceptWord("AND")) {
            left = new PartitionFilter.And(left, not());
        }
        return left;
    }

    private PartitionFilter not() {
        if (acceptWord("NOT")) {
            return new PartitionFilter.Not(not());
        }
        if (accept("(")) {
            PartitionFilter inner = or();
            expect(")");
            return inner;
        }
        return term();
    }

    private PartitionFilter term() {
        Key key = key(take(ExpressionTokens.Kind.IDENTIFIER).text());
        if (acceptWord("IS")) {
            boolean negated = acceptWord("NOT");
            expectWord("NULL");
            return negate(negated, new PartitionFilter.IsNull(key));
        }
        boolean negated = acceptWord("NOT");
        if (acceptWord("LIKE")) {
            key.type().checkLike();
            return negate(negated, new PartitionFilter.Like(key, like(take(ExpressionTokens.Kind.STRING).text())));
        }
        if (acceptWord("IN")) {
            expect("(");
            List<Comparable<?>> literals = new ArrayList<>();
            do {
                literals.add(literal(key));
            } while (accept(","));
            expect(")");
            return negate(negated, new PartitionFilter.In(key, List.copyOf(literals)));
        }
        if (acceptWord("BETWEEN")) {
            Comparable<?> low = literal(key);
            expectWord("AND");
            return negate(negated, new PartitionFilter.Between(key, low, literal(key)));
        }
        if (negated) {
            throw unsupported();
        }
        Operator operator = switch (take(ExpressionTokens.Kind.OPERATOR).text()) {
            case "=" -> Operator.EQ;
            case "<>", "!=" -> Operator.NE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            default -> throw unsupported();
        };
        return new PartitionFilter.Comparison(key, operator, literal(key));
    }

    private Key key(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return new Key(i, columns.get(i).name(), PartitionKeyType.of(columns.get(i).type()));
            }
        }
        throw AwsServiceException.of("InvalidInputException", "Invalid partition expression!");
    }

    private Comparable<?> literal(Key key) {
        ExpressionTokens.Token token = peek();
        if (token == null || (token.kind() != ExpressionTokens.Kind.STRING
                && token.kind() != ExpressionTokens.Kind.NUMBER)) {
            throw unsupported();
        }
        next++;
        Comparable<?> value = key.type().value(token.text());
        if (value == null) {
            throw AwsServiceException.of("InvalidInputException", key.type().notA(token.text()));
        }
        return value;
    }

    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static PartitionFilter negate(boolean negated, PartitionFilter filter) {
        return negated ? new PartitionFilter.Not(filter) : filter;
    }

    private ExpressionTokens.Token peek() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    private ExpressionTokens.Token take(ExpressionTokens.Kind kind) {
        ExpressionTokens.Token token = peek();
        if (token == null || token.kind() != kind) {
            throw unsupported();
        }
        next++;
        return token;
    }

    private boolean acceptWord(String word) {
        ExpressionTokens.Token token = peek();
        if (token != null && token.kind() == ExpressionTokens.Kind.IDENTIFIER && !token.quoted()
                && token.text().equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean accept(String punctuation) {
        ExpressionTokens.Token token = peek();
        if (token != null && token.kind() == ExpressionTokens.Kind.OPERATOR && token.text().equals(punctuation)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unsupported();
        }
    }

    private void expect(String punctuation) {
        if (!accept(punctuation)) {
            throw unsupported();
        }
    }

    private AwsServiceException unsupported() {
        return AwsServiceException.of("InvalidInputException", "Unsupported expression '" + expression + "'");
    }
}
