package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine;
import io.firelake.endpoint.athena.QueryEngine.QueryFailure;
import software.amazon.awssdk.services.glue.model.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Athena's utility statements that read the catalog (GetQueryExecution's {@code StatementType} {@code UTILITY}),
 * answered from the endpoint's Glue catalog as Athena answers them, in Hive's DDL rather than Trino's SQL. Each row is
 * one line of Hive's text output (one {@code VarCharValue}, fields tab-separated); the result columns are those
 * Athena's {@code ResultSetMetadata} names, so a statement whose Hive schema has several columns (DESCRIBE's
 * {@code col_name}, {@code data_type}, {@code comment}) lists them all while its rows hold one value each.
 * <ul>
 *   <li>{@code SHOW TABLES [IN db] [[LIKE] 'pattern']}: {@code tab_name}; {@code *} any characters, {@code |}
 *   between alternatives</li>
 *   <li>{@code SHOW {DATABASES|SCHEMAS} [LIKE 'regex']}: {@code database_name}, the names matching the regular
 *   expression</li>
 *   <li>{@code SHOW VIEWS [IN db] [LIKE 'pattern']}: {@code views} ({@code varchar}), the {@code VIRTUAL_VIEW}s</li>
 *   <li>{@code SHOW PARTITIONS t}: {@code partition}, {@code key=value/key=value}</li>
 *   <li>{@code SHOW COLUMNS {FROM|IN} t [{FROM|IN} db]}, {@code DESCRIBE [EXTENDED|FORMATTED] t},
 *   {@code SHOW CREATE TABLE t}, {@code SHOW TBLPROPERTIES t [('name')]}: {@link HiveTableText}</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-tables.html">SHOW TABLES</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-databases.html">SHOW DATABASES</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-views.html">SHOW VIEWS</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-partitions.html">SHOW PARTITIONS</a>
 */
final class CatalogStatements {

    /** A statement this class answers, with Athena's {@code SubstatementType} for it. */
    sealed interface Statement permits ShowTables, ShowDatabases, ShowViews, TableStatement {
        default String substatementType() {
            return SUBSTATEMENT_TYPES.get(getClass());
        }
    }

    private static final Map<Class<?>, String> SUBSTATEMENT_TYPES = Map.of(ShowTables.class, "SHOW_TABLES",
            ShowDatabases.class, "SHOW_DATABASES", ShowViews.class, "SHOW_VIEWS", ShowPartitions.class,
            "SHOW_PARTITIONS", Describe.class, "DESCRIBE_TABLE", ShowColumns.class, "SHOW_COLUMNS",
            ShowCreateTable.class, "SHOW_CREATE_TABLE", ShowTblProperties.class, "SHOW_TBLPROPERTIES");

    /** A statement about one table: {@code database} is the one named, or null for the query's. */
    sealed interface TableStatement extends Statement permits Describe, ShowColumns, ShowCreateTable,
            ShowTblProperties, ShowPartitions {
        String database();

        String table();
    }

    /** @param database the database named, or null for the query's; @param pattern the filter, or null */
    record ShowTables(String database, String pattern) implements Statement {
    }

    /** @param regex the LIKE filter, a regular expression, or null */
    record ShowDatabases(String regex) implements Statement {
    }

    record ShowViews(String database, String pattern) implements Statement {
    }

    record ShowPartitions(String database, String table) implements TableStatement {
    }

    /** DESCRIBE's three layouts. */
    enum Layout { PLAIN, EXTENDED, FORMATTED }

    record Describe(String database, String table, Layout layout) implements TableStatement {
    }

    record ShowColumns(String database, String table) implements TableStatement {
    }

    record ShowCreateTable(String database, String table) implements TableStatement {
    }

    /** @param property the one property asked for, or null for all */
    record ShowTblProperties(String database, String table, String property) implements TableStatement {
    }

    private static final String NAME = "(`[^`]+`|[A-Za-z0-9_]+)";
    private static final String QUALIFIED = "(?:" + NAME + "\\s*\\.\\s*)?" + NAME;
    private static final String TEXT = "'((?:[^']|'')*)'";
    private static final String END = "\\s*;?\\s*";
    private static final Pattern SHOW_TABLES = Pattern.compile("(?is)\\s*SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+" + NAME
            + ")?(?:\\s+(?:LIKE\\s+)?" + TEXT + ")?" + END);
    private static final Pattern SHOW_DATABASES = Pattern.compile("(?is)\\s*SHOW\\s+(?:DATABASES|SCHEMAS)"
            + "(?:\\s+LIKE\\s+" + TEXT + ")?" + END);
    private static final Pattern SHOW_VIEWS = Pattern.compile("(?is)\\s*SHOW\\s+VIEWS(?:\\s+(?:IN|FROM)\\s+" + NAME
            + ")?(?:\\s+LIKE\\s+" + TEXT + ")?" + END);
    private static final Pattern SHOW_PARTITIONS = Pattern.compile("(?is)\\s*SHOW\\s+PARTITIONS\\s+" + QUALIFIED
            + END);
    private static final Pattern DESCRIBE = Pattern.compile("(?is)\\s*DESC(?:RIBE)?\\s+(?:(EXTENDED|FORMATTED)\\s+)?"
            + QUALIFIED + END);
    private static final Pattern SHOW_COLUMNS = Pattern.compile("(?is)\\s*SHOW\\s+COLUMNS\\s+(?:FROM|IN)\\s+"
            + QUALIFIED + "(?:\\s+(?:FROM|IN)\\s+" + NAME + ")?" + END);
    private static final Pattern SHOW_CREATE_TABLE = Pattern.compile("(?is)\\s*SHOW\\s+CREATE\\s+TABLE\\s+"
            + QUALIFIED + END);
    private static final Pattern SHOW_TBLPROPERTIES = Pattern.compile("(?is)\\s*SHOW\\s+TBLPROPERTIES\\s+" + QUALIFIED
            + "(?:\\s*\\(\\s*" + TEXT + "\\s*\\))?" + END);

    private CatalogStatements() {
    }

    /** The statement, when it is one of those answered from the catalog. */
    static Optional<Statement> parse(String sql) {
        Matcher m;
        if ((m = SHOW_TABLES.matcher(sql)).matches()) {
            return Optional.of(new ShowTables(name(m.group(1)), text(m.group(2))));
        }
        if ((m = SHOW_DATABASES.matcher(sql)).matches()) {
            return Optional.of(new ShowDatabases(text(m.group(1))));
        }
        if ((m = SHOW_VIEWS.matcher(sql)).matches()) {
            return Optional.of(new ShowViews(name(m.group(1)), text(m.group(2))));
        }
        if ((m = SHOW_PARTITIONS.matcher(sql)).matches()) {
            return Optional.of(new ShowPartitions(name(m.group(1)), name(m.group(2))));
        }
        if ((m = DESCRIBE.matcher(sql)).matches()) {
            Layout layout = m.group(1) == null ? Layout.PLAIN : Layout.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            return Optional.of(new Describe(name(m.group(2)), name(m.group(3)), layout));
        }
        if ((m = SHOW_COLUMNS.matcher(sql)).matches()) {
            // SHOW COLUMNS IN t IN db names the database after the table.
            String database = m.group(3) != null ? name(m.group(3)) : name(m.group(1));
            return Optional.of(new ShowColumns(database, name(m.group(2))));
        }
        if ((m = SHOW_CREATE_TABLE.matcher(sql)).matches()) {
            return Optional.of(new ShowCreateTable(name(m.group(1)), name(m.group(2))));
        }
        if ((m = SHOW_TBLPROPERTIES.matcher(sql)).matches()) {
            return Optional.of(new ShowTblProperties(name(m.group(1)), name(m.group(2)), text(m.group(3))));
        }
        return Optional.empty();
    }

    /** The statement's result, read from the catalog; {@code database} is the query's own. */
    static QueryEngine.QueryOutcome answer(Statement statement, String database, DuckDbQueryEngine.Catalog catalog) {
        if (statement instanceof ShowTables s) {
            Pattern filter = s.pattern() == null ? null : hivePattern(s.pattern());
            return result(List.of("tab_name"), "string", names(catalog.tables(database(s.database(), database,
                    catalog)), filter));
        }
        if (statement instanceof ShowDatabases s) {
            return result(List.of("database_name"), "string", names(catalog.databases(), s.regex() == null ? null
                    : regex(s.regex())));
        }
        if (statement instanceof ShowViews s) {
            String db = database(s.database(), database, catalog);
            List<String> views = catalog.tables(db).stream()
                    .filter(t -> HiveTableText.isView(catalog.table(db, t))).toList();
            return result(List.of("views"), "varchar", names(views, s.pattern() == null ? null
                    : hivePattern(s.pattern())));
        }
        TableStatement t = (TableStatement) statement;
        String db = database(t.database(), database, catalog);
        Table table = table(catalog, db, t.table());
        if (t instanceof ShowPartitions) {
            return result(List.of("partition"), "string", partitions(catalog, table));
        }
        return HiveTableText.answer(t, table);
    }

    private static List<String> names(List<String> all, Pattern filter) {
        return all.stream().filter(n -> filter == null || filter.matcher(n).matches()).sorted().toList();
    }

    /** Hive's table pattern: alternatives between {@code |}, {@code *} for any characters, any case. */
    private static Pattern hivePattern(String pattern) {
        List<String> alternatives = Arrays.stream(pattern.split("\\|"))
                .map(p -> p.strip().replaceAll("(?<!\\.)\\*", ".*")).toList();
        return regex(String.join("|", alternatives));
    }

    private static Pattern regex(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw QueryFailure.user(QueryFailure.INVALID_ARGUMENT, "FAILED: SemanticException The pattern '" + regex
                    + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private static List<String> partitions(DuckDbQueryEngine.Catalog catalog, Table table) {
        if (table.partitionKeys().isEmpty()) {
            throw QueryFailure.user(QueryFailure.INVALID_ARGUMENT, "FAILED: SemanticException [Error 10241]: Table "
                    + table.name() + " is not a partitioned table");
        }
        List<String> names = new ArrayList<>();
        for (List<String> values : catalog.partitions(table.databaseName(), table.name())) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                pairs.add(table.partitionKeys().get(i).name() + "=" + values.get(i));
            }
            names.add(String.join("/", pairs));
        }
        return names.stream().sorted().toList();
    }

    private static String database(String named, String current, DuckDbQueryEngine.Catalog catalog) {
        String database = named != null ? named : current.toLowerCase(Locale.ROOT);
        if (!catalog.hasDatabase(database)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "FAILED: SemanticException [Error 10072]: "
                    + "Database does not exist: " + database);
        }
        return database;
    }

    /** The table, or Hive's error, which Athena's DESCRIBE documentation quotes. */
    private static Table table(DuckDbQueryEngine.Catalog catalog, String database, String table) {
        if (!catalog.hasTable(database, table)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "FAILED: SemanticException [Error 10001]: "
                    + "Table not found " + database + "." + table);
        }
        return catalog.table(database, table);
    }

    /** Rows of one value each under the named result columns, all of {@code type}. */
    static QueryEngine.QueryOutcome result(List<String> columns, String type, List<String> rows) {
        return new QueryEngine.QueryOutcome(columns.stream().map(c -> new QueryEngine.Column(c, type, 0, 0)).toList(),
                rows.stream().map(List::of).toList(), 0);
    }

    private static String text(String quoted) {
        return quoted == null ? null : quoted.replace("''", "'");
    }

    private static String name(String written) {
        if (written == null) {
            return null;
        }
        String bare = written.startsWith("`") ? written.substring(1, written.length() - 1) : written;
        return bare.toLowerCase(Locale.ROOT);
    }
}
