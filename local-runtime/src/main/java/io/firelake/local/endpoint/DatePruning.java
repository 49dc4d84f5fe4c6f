package io.firelake.local.endpoint;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.athena.report.DateRange;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Table;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The days of each lake table a query reads: Athena prunes partitions with partition projection, so a query that
 * compares a table's date partition key (such as {@code event_date}) with constants reads only those days' files.
 *
 * <p>This is an approximation of Athena's planner, on purpose simple: in each SELECT, the top-level {@code AND} terms
 * of its WHERE that compare the key of a table of its FROM (bare, or qualified by the table's name or alias) with a
 * string or {@code DATE} literal or a {@code ?} bound to one ({@code BETWEEN}, {@code =}, {@code <}, {@code <=},
 * {@code >}, {@code >=}, {@code IN}) narrow that table's days; any other predicate (a function of the key, an
 * {@code OR}, a join condition) leaves the whole table read. Values are read with the key's projection format
 * ({@code yyyy/MM/dd} for the error days).
 */
final class DatePruning {

    /** One read of a lake table: the days its files are read for, or empty for all of them. */
    record Read(String table, Optional<DateRange> days) {
    }

    private static final DateRange ALL_DAYS = new DateRange(LocalDate.MIN, LocalDate.MAX);
    /** The days of a contradiction ({@code BETWEEN '2026-11-02' AND '2026-11-01'}): a day no partition has. */
    static final DateRange NO_DAY = DateRange.day(LocalDate.MAX);

    private final List<String> parameters;

    private DatePruning(List<String> parameters) {
        this.parameters = parameters;
    }

    /**
     * @param parameters the text values of the {@code ?} parameters, in order (string literals unquoted), or null
     *                   where a parameter is not a string or date literal
     */
    static List<Read> reads(AthenaSql sql, List<String> parameters) {
        DatePruning pruning = new DatePruning(parameters);
        Map<Table, Optional<DateRange>> days = new IdentityHashMap<>();
        AthenaSql.walk(sql.statement(), n -> {
            if (n instanceof QuerySpecification q) {
                pruning.narrow(q, sql, days);
            }
        });
        List<Read> reads = new ArrayList<>();
        for (AthenaSql.TableRef ref : sql.tables()) {
            reads.add(new Read(ref.name(), days.getOrDefault(ref.node(), Optional.empty())));
        }
        return reads;
    }

    private void narrow(QuerySpecification q, AthenaSql sql, Map<Table, Optional<DateRange>> days) {
        List<Expression> terms = new ArrayList<>();
        q.getWhere().ifPresent(w -> conjuncts(w, terms));
        Map<Table, String> aliases = new IdentityHashMap<>();
        q.getFrom().ifPresent(from -> relations(from, null, aliases));
        aliases.forEach((table, alias) -> {
            String name = table.getName().getSuffix();
            if (table.getName().getParts().size() == 1 && sql.withNames().contains(name)
                    || !LakeTables.all().contains(name)) {
                return;
            }
            TableSpec spec = LakeTables.spec(name);
            Optional<String> key = spec.datePartitionKey();
            if (key.isEmpty()) {
                return;
            }
            DateTimeFormatter format = DateTimeFormatter.ofPattern(spec.dateFormat(key.get()));
            DateRange range = ALL_DAYS;
            boolean narrowed = false;
            for (Expression term : terms) {
                Optional<DateRange> bound = bound(term, key.get(), alias, format);
                if (bound.isPresent()) {
                    range = intersect(range, bound.get());
                    narrowed = true;
                }
            }
            days.put(table, narrowed ? Optional.of(range) : Optional.empty());
        });
    }

    private static void conjuncts(Expression e, List<Expression> into) {
        if (e instanceof LogicalExpression l && l.getOperator() == LogicalExpression.Operator.AND) {
            l.getTerms().forEach(t -> conjuncts(t, into));
        } else {
            into.add(e);
        }
    }

    /** The tables of a FROM clause with the name a column may be qualified by (the alias, else the table's name). */
    private static void relations(Relation r, String alias, Map<Table, String> into) {
        if (r instanceof Table t) {
            into.put(t, alias != null ? alias : t.getName().getSuffix());
        } else if (r instanceof AliasedRelation a) {
            relations(a.getRelation(), a.getAlias().getCanonicalValue().toLowerCase(), into);
        } else if (r instanceof Join j) {
            relations(j.getLeft(), null, into);
            relations(j.getRight(), null, into);
        }
    }

    /** The days one WHERE term allows for the key, if it is a comparison of the key with constants. */
    private Optional<DateRange> bound(Expression term, String key, String alias, DateTimeFormatter format) {
        if (term instanceof BetweenPredicate b && isKey(b.getValue(), key, alias)) {
            return both(day(b.getMin(), format), day(b.getMax(), format));
        }
        if (term instanceof InPredicate in && isKey(in.getValue(), key, alias)
                && in.getValueList() instanceof InListExpression list) {
            List<LocalDate> values = new ArrayList<>();
            for (Expression v : list.getValues()) {
                Optional<LocalDate> d = day(v, format);
                if (d.isEmpty()) {
                    return Optional.empty();
                }
                values.add(d.get());
            }
            return values.stream().min(LocalDate::compareTo).flatMap(min -> values.stream()
                    .max(LocalDate::compareTo).map(max -> new DateRange(min, max)));
        }
        if (term instanceof ComparisonExpression c) {
            if (isKey(c.getLeft(), key, alias)) {
                return compare(c.getOperator(), day(c.getRight(), format));
            }
            if (isKey(c.getRight(), key, alias)) {
                return compare(c.getOperator().flip(), day(c.getLeft(), format));
            }
        }
        return Optional.empty();
    }

    private static Optional<DateRange> compare(ComparisonExpression.Operator op, Optional<LocalDate> value) {
        return value.flatMap(d -> switch (op) {
            case EQUAL -> Optional.of(DateRange.day(d));
            case LESS_THAN -> Optional.of(d.equals(LocalDate.MIN) ? NO_DAY : new DateRange(LocalDate.MIN, d.minusDays(1)));
            case LESS_THAN_OR_EQUAL -> Optional.of(new DateRange(LocalDate.MIN, d));
            case GREATER_THAN -> Optional.of(d.equals(LocalDate.MAX) ? NO_DAY : new DateRange(d.plusDays(1), LocalDate.MAX));
            case GREATER_THAN_OR_EQUAL -> Optional.of(new DateRange(d, LocalDate.MAX));
            default -> Optional.empty();
        });
    }

    private static Optional<DateRange> both(Optional<LocalDate> from, Optional<LocalDate> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(to.get().isBefore(from.get()) ? NO_DAY : new DateRange(from.get(), to.get()));
    }

    private static DateRange intersect(DateRange a, DateRange b) {
        if (a == NO_DAY || b == NO_DAY) {
            return NO_DAY;
        }
        LocalDate from = a.from().isAfter(b.from()) ? a.from() : b.from();
        LocalDate to = a.to().isBefore(b.to()) ? a.to() : b.to();
        return to.isBefore(from) ? NO_DAY : new DateRange(from, to);
    }

    private static boolean isKey(Expression e, String key, String alias) {
        if (e instanceof Identifier i) {
            return i.getCanonicalValue().equalsIgnoreCase(key);
        }
        return e instanceof DereferenceExpression d && d.getField().isPresent()
                && d.getField().get().getCanonicalValue().equalsIgnoreCase(key)
                && d.getBase() instanceof Identifier base && base.getCanonicalValue().equalsIgnoreCase(alias);
    }

    private Optional<LocalDate> day(Expression e, DateTimeFormatter format) {
        String text = null;
        if (e instanceof StringLiteral s) {
            text = s.getValue();
        } else if (e instanceof GenericLiteral g && g.getType().equalsIgnoreCase("date")) {
            text = g.getValue();
        } else if (e instanceof Parameter p && p.getId() < parameters.size()) {
            text = parameters.get(p.getId());
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, format));
        } catch (DateTimeParseException notThisFormat) {
            return Optional.empty();
        }
    }
}
