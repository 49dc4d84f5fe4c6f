package io.firelake.events.catalog;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link TableDefinition} as the Hive DDL Athena runs for external Parquet tables.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/create-table.html">Athena CREATE TABLE</a>
 */
public final class AthenaDdl {

    private AthenaDdl() {
    }

    public static String createTable(TableDefinition table) {
        StringBuilder ddl = new StringBuilder();
        ddl.append("CREATE EXTERNAL TABLE IF NOT EXISTS `").append(table.database()).append("`.`")
                .append(table.name()).append("` (\n");
        ddl.append(table.columns().stream()
                .map(c -> "  `" + c.name() + "` " + c.type())
                .collect(Collectors.joining(",\n")));
        ddl.append("\n)\n");
        if (!table.partitionKeys().isEmpty()) {
            ddl.append("PARTITIONED BY (")
                    .append(table.partitionKeys().stream()
                            .map(c -> "`" + c.name() + "` " + c.type())
                            .collect(Collectors.joining(", ")))
                    .append(")\n");
        }
        ddl.append("STORED AS PARQUET\n");
        ddl.append("LOCATION '").append(table.location()).append("'\n");
        Map<String, String> properties = new TreeMap<>(table.projection());
        properties.put("parquet.compression", "SNAPPY");
        ddl.append("TBLPROPERTIES (\n")
                .append(properties.entrySet().stream()
                        .map(e -> "  '" + e.getKey() + "'='" + e.getValue() + "'")
                        .collect(Collectors.joining(",\n")))
                .append("\n)");
        return ddl.toString();
    }
}
