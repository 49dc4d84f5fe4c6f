package io.firelake.athena.report;

import io.firelake.athena.catalog.LakeTables;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report: one {@code .sql} file in Athena's dialect whose first line is a comment saying what question it answers.
 *
 * @param name     the file name without {@code .sql}
 * @param question the first line's comment
 * @param sql      the query text with {@code :from}/{@code :to} placeholders
 */
public record Report(String name, String question, String sql) {

    /** The date range's placeholders, in the order Athena binds {@code ?} execution parameters. */
    private static final Pattern PLACEHOLDER = Pattern.compile(":(from|to)\\b");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    public Report {
        if (!sql.startsWith("-- ")) {
            throw new IllegalArgumentException("report " + name + " must start with a one-line '-- question' comment");
        }
    }

    /** The lake tables the query reads (not its CTE names). */
    public List<String> tables() {
        Matcher m = TABLE_REFERENCE.matcher(sql);
        return m.results().map(r -> r.group(1).toLowerCase()).filter(LakeTables.all()::contains).distinct().toList();
    }

    /**
     * The query with a {@code ?} for each {@code :from}/{@code :to}: the text of the report's Athena named query, run
     * with {@link #executionParameters} (Athena binds them in order, each a SQL literal).
     *
     * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html">Athena parameterized queries</a>
     */
    public String parameterizedSql() {
        return PLACEHOLDER.matcher(sql).replaceAll("?");
    }

    /** The placeholders' names in the order of the {@code ?} of {@link #parameterizedSql()}. */
    public List<String> parameterNames() {
        return PLACEHOLDER.matcher(sql).results().map(r -> r.group(1)).toList();
    }

    /** The values of {@link #parameterizedSql()}'s {@code ?} for a range: {@code 'yyyy-MM-dd'} string literals. */
    public List<String> executionParameters(DateRange range) {
        return parameterNames().stream().map(name -> "'" + (name.equals("from") ? range.from() : range.to()) + "'")
                .toList();
    }

    /** The query with its date range filled in, ready to run. */
    public String sqlFor(DateRange range) {
        return range.substitute(sql);
    }
}
