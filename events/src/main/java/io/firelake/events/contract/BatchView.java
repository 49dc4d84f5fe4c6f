package io.firelake.events.contract;

import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.GlueTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A batch view of a contract ({@code views/NAME.sql}): a Spark SQL query over the table {@code curated} (and the views
 * before it, by name) that the Glue views job runs for a range of days and writes to {@code views/NAME/}, partitioned
 * by the contract's day column. Its {@code -- columns:} header lines are the query's output schema in Glue types, from
 * which the Glue table and the Athena DDL are rendered; the job refuses to write when Spark's schema differs from it.
 *
 * @param name      the file name without {@code .sql}: the table name
 * @param question  the first line's comment
 * @param sql       the query
 * @param columns   the output columns, the day column excluded, in the query's order
 * @param day       the partition key: the contract's day column, which the query must return
 */
public record BatchView(String name, String question, String sql, List<Column> columns, String day) {

    public static final String COLUMNS_HEADER = "-- columns:";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern PRIMITIVE = Pattern.compile(
            "string|bigint|int|smallint|tinyint|double|float|boolean|timestamp|date|decimal\\(\\d+,\\d+\\)");

    public BatchView {
        columns = List.copyOf(columns);
    }

    /** Reads the columns header of {@code file}; {@code where} names the file in errors. */
    public static BatchView of(SqlFile file, String where, String day) {
        List<Column> columns = new ArrayList<>();
        boolean hasDay = false;
        List<String> lines = file.sql().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith(COLUMNS_HEADER)) {
                continue;
            }
            for (String item : GlueTypes.split(line.substring(COLUMNS_HEADER.length()))) {
                String[] parts = item.strip().split("\\s+", 2);
                if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !validType(parts[1].replace(" ", ""))) {
                    throw new ContractException(where, i + 1, "columns",
                            "'" + item.strip() + "' is not 'name type' with a Glue type (string, bigint, double, "
                                    + "boolean, timestamp, decimal(p,s), struct<...>, map<string,...>, array<...>)");
                }
                if (parts[0].equals(day)) {
                    hasDay = true;
                } else {
                    columns.add(new Column(parts[0], parts[1].replace(" ", ""), ""));
                }
            }
        }
        if (!hasDay) {
            throw new ContractException(where, 0, "columns", "a view needs a '" + COLUMNS_HEADER
                    + " name type, ...' header listing its output columns, the day partition '" + day + " string' among them");
        }
        return new BatchView(file.name(), file.question(), file.sql(), columns, day);
    }

    /** A Glue type: a primitive, or struct/map/array of Glue types. */
    static boolean validType(String type) {
        if (PRIMITIVE.matcher(type).matches()) {
            return true;
        }
        if (type.startsWith("array<") && type.endsWith(">")) {
            return validType(type.substring(6, type.length() - 1));
        }
        if (type.startsWith("map<") && type.endsWith(">")) {
            List<String> kv = GlueTypes.split(type.substring(4, type.length() - 1));
            return kv.size() == 2 && PRIMITIVE.matcher(kv.get(0)).matches() && validType(kv.get(1));
        }
        if (type.startsWith("struct<") && type.endsWith(">")) {
            for (String field : GlueTypes.split(type.substring(7, type.length() - 1))) {
                int colon = field.indexOf(':');
                if (colon < 1 || !NAME.matcher(field.substring(0, colon)).matches()
                        || !validType(field.substring(colon + 1))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
