package io.firelake.athena.catalog;

import io.firelake.events.catalog.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the subset of Athena's Hive DDL that firelake writes ({@code CREATE EXTERNAL TABLE}, columns, partition
 * keys, Parquet or a JSON SerDe, location, properties). Hive DDL is not Trino SQL, so trino-parser cannot check it; this
 * reader lets the local engine and the tests use the DDL as the single source of table shapes.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/create-table.html">Athena CREATE TABLE</a>
 */
public final class HiveDdl {

    private static final Pattern HEAD = Pattern.compile(
            "CREATE EXTERNAL TABLE IF NOT EXISTS `([^`]+)`\\.`([^`]+)` \\((.*?)\\n\\)", Pattern.DOTALL);
    private static final Pattern PARTITIONED = Pattern.compile("PARTITIONED BY \\((.*?)\\)\\n", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("`([^`]+)` ([a-z]+(?:\\(\\d+,\\s*\\d+\\)|<[^`\\n]*>)?)");
    private static final Pattern LOCATION = Pattern.compile("LOCATION '([^']+)'");
    private static final Pattern PROPERTY = Pattern.compile("'([^']+)'\\s*=\\s*'([^']*)'");
    private static final Pattern PROPERTY_BLOCK = Pattern.compile(
            "(?:TBLPROPERTIES|SERDEPROPERTIES) \\((.*?)\\n\\)", Pattern.DOTALL);

    private HiveDdl() {
    }

    public static TableSpec parse(String ddl) {
        Matcher head = HEAD.matcher(ddl);
        if (!head.find()) {
            throw new IllegalArgumentException("not a firelake CREATE EXTERNAL TABLE statement:\n" + ddl);
        }
        List<Column> columns = columns(head.group(3));
        String rest = ddl.substring(head.end());
        Matcher partitioned = PARTITIONED.matcher(rest);
        List<Column> keys = partitioned.find() ? columns(partitioned.group(1)) : List.of();
        String format = rest.contains("STORED AS PARQUET") ? "parquet"
                : rest.contains("JsonSerDe") ? "json" : "unknown";
        Matcher location = LOCATION.matcher(rest);
        if (!location.find()) {
            throw new IllegalArgumentException("table " + head.group(2) + " has no LOCATION");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher block = PROPERTY_BLOCK.matcher(rest);
        while (block.find()) {
            Matcher property = PROPERTY.matcher(block.group(1));
            while (property.find()) {
                properties.put(property.group(1), property.group(2));
            }
        }
        return new TableSpec(head.group(1), head.group(2), columns, keys, format, location.group(1), properties);
    }

    private static List<Column> columns(String list) {
        List<Column> columns = new ArrayList<>();
        Matcher column = COLUMN.matcher(list);
        while (column.find()) {
            columns.add(new Column(column.group(1), column.group(2).replace(" ", ""), ""));
        }
        return columns;
    }
}
