package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine;
import io.firelake.endpoint.athena.QueryEngine.QueryFailure;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Athena's DDL statements that read the catalog, answered from the endpoint's Glue catalog as Athena answers them (in
 * Hive's DDL, not Trino's SQL): {@code SHOW TABLES [IN database] ['pattern']} (column {@code tab_name}, names in
 * order; {@code *} any characters, {@code |} between alternatives), {@code SHOW PARTITIONS [database.]table} (column
 * {@code partition}, {@code key=value/key=value}) and {@code DESCRIBE [database.]table} (column {@code col_name}: name,
 * type and comment padded to 20 characters and tab-separated, as Hive lays them out, then the partition keys again
 * under {@code # Partition Information}). Every result column is a {@code string}; the rows have no header row.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-tables.html">SHOW TABLES</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-partitions.html">SHOW PARTITIONS</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/describe-table.html">DESCRIBE</a>
 */
final class CatalogStatements {

    /** A statement this class answers. */
    sealed interface Statement permits ShowTables, ShowPartitions, Describe {
    }

    /** @param database the database named, or null for the query's; @param pattern the filter, or null */
    record ShowTables(String database, String pattern) implements Statement {
    }

    record ShowPartitions(String database, String table) implements Statement {
    }

    record Describe(String database, String table) implements Statement {
    }

    /** Hive's width of a DESCRIBE field. */
    private static final int FIELD_WIDTH = 20;
    private static final String NAME = "(`[^`]+`|[A-Za-z0-9_]+)";
    private static final String QUALIFIED = "(?:" + NAME + "\\s*\\.\\s*)?" + NAME;
    private static final String END = "\\s*;?\\s*";
    private static final Pattern SHOW_TABLES = Pattern.compile("(?is)\\s*SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+" + NAME
            + ")?(?:\\s+'((?:[^']|'')*)')?" + END);
    private static final Pattern SHOW_PARTITIONS = Pattern.compile("(?is)\\s*SHOW\\s+PARTITIONS\\s+" + QUALIFIED
            + END);
    private static final Pattern DESCRIBE = Pattern.compile("(?is)\\s*DESC(?:RIBE)?\\s+" + QUALIFIED + END);

    private CatalogStatements() {
    }

    /** The statement, when it is one of those answered from the catalog. */
    static Optional<Statement> parse(String sql) {
        Matcher m = SHOW_TABLES.matcher(sql);
        if (m.matches()) {
            return Optional.of(new ShowTables(name(m.group(1)), m.group(2) == null ? null
                    : m.group(2).replace("''", "'")));
        }
        m = SHOW_PARTITIONS.matcher(sql);
        if (m.matches()) {
            return Optional.of(new ShowPartitions(name(m.group(1)), name(m.group(2))));
        }
        m = DESCRIBE.matcher(sql);
        if (m.matches()) {
            return Optional.of(new Describe(name(m.group(1)), name(m.group(2))));
        }
        return Optional.empty();
    }

    /** The statement's result, read from the catalog; {@code database} is the query's own. */
    static QueryEngine.QueryOutcome answer(Statement statement, String database, DuckDbQueryEngine.Catalog catalog) {
        if (statement instanceof ShowTables s) {
            return result("tab_name", tables(catalog, database(s.database(), database, catalog), s.pattern()));
        }
        if (statement instanceof ShowPartitions s) {
            return result("partition", partitions(catalog,
                    table(catalog, database(s.database(), database, catalog), s.table())));
        }
        Describe d = (Describe) statement;
        return result("col_name", describe(table(catalog, database(d.database(), database, catalog), d.table())));
    }

    private static List<String> tables(DuckDbQueryEngine.Catalog catalog, String database, String pattern) {
        Pattern filter = pattern == null ? null : hivePattern(pattern);
        return catalog.tables(database).stream().filter(t -> filter == null || filter.matcher(t).matches())
                .sorted().toList();
    }

    /** Hive's table pattern: alternatives between {@code |}, {@code *} for any characters, any case. */
    private static Pattern hivePattern(String pattern) {
        List<String> alternatives = Arrays.stream(pattern.split("\\|"))
                .map(p -> p.strip().replaceAll("(?<!\\.)\\*", ".*")).toList();
        return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
    }

    private static List<String> partitions(DuckDbQueryEngine.Catalog catalog, TableDefinition table) {
        if (table.partitionKeys().isEmpty()) {
            throw QueryFailure.user(QueryFailure.INVALID_ARGUMENT, "FAILED: SemanticException [Error 10241]: Table "
                    + table.name() + " is not a partitioned table");
        }
        List<String> names = new ArrayList<>();
        for (List<String> values : catalog.partitions(table.database(), table.name())) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                pairs.add(table.partitionKeys().get(i).name() + "=" + values.get(i));
            }
            names.add(String.join("/", pairs));
        }
        return names.stream().sorted().toList();
    }

    private static List<String> describe(TableDefinition table) {
        List<String> rows = new ArrayList<>();
        table.columns().forEach(c -> rows.add(field(c)));
        table.partitionKeys().forEach(c -> rows.add(field(c)));
        if (!table.partitionKeys().isEmpty()) {
            rows.add(" \t \t ");
            rows.add("# Partition Information\t \t ");
            rows.add(fields("# col_name", "data_type", "comment"));
            rows.add(" \t \t ");
            table.partitionKeys().forEach(c -> rows.add(field(c)));
        }
        return rows;
    }

    private static String field(Column c) {
        return fields(c.name(), c.type(), c.comment() == null ? "" : c.comment());
    }

    private static String fields(String... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(String.format(Locale.ROOT, "%-" + FIELD_WIDTH + "s", values[i]));
            if (i < values.length - 1) {
                line.append('\t');
            }
        }
        return line.toString();
    }

    private static String database(String named, String current, DuckDbQueryEngine.Catalog catalog) {
        String database = named != null ? named : current.toLowerCase(Locale.ROOT);
        if (!catalog.hasDatabase(database)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "FAILED: SemanticException [Error 10072]: "
                    + "Database does not exist: " + database);
        }
        return database;
    }

    private static TableDefinition table(DuckDbQueryEngine.Catalog catalog, String database, String table) {
        if (!catalog.hasTable(database, table)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "FAILED: SemanticException [Error 10001]: "
                    + "Table not found " + database + "." + table);
        }
        return catalog.table(database, table);
    }

    private static QueryEngine.QueryOutcome result(String column, List<String> rows) {
        return new QueryEngine.QueryOutcome(List.of(new QueryEngine.Column(column, "string", 0, 0)),
                rows.stream().map(List::of).toList(), 0);
    }

    private static String name(String written) {
        if (written == null) {
            return null;
        }
        String bare = written.startsWith("`") ? written.substring(1, written.length() - 1) : written;
        return bare.toLowerCase(Locale.ROOT);
    }
}
