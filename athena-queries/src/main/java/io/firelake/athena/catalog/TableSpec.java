package io.firelake.athena.catalog;

import io.firelake.events.catalog.Column;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table as its DDL declares it: what the local engine needs to expose the same files under the same names and types.
 *
 * @param format     {@code parquet} or {@code json}
 * @param location   the table location, still with the lake placeholder
 * @param properties TBLPROPERTIES (partition projection) and SERDEPROPERTIES ({@code mapping.*}) together
 */
public record TableSpec(String database, String name, List<Column> columns, List<Column> partitionKeys, String format,
                        String location, Map<String, String> properties) {

    public TableSpec {
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        properties = Map.copyOf(properties);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The storage location template of partition projection, e.g. {@code :lake/raw/event_date=${event_date}/}. */
    public Optional<String> locationTemplate() {
        return Optional.ofNullable(properties.get("storage.location.template"));
    }

    /** The partition key whose projection is a date (the key reports filter by date range), if any. */
    public Optional<String> datePartitionKey() {
        return partitionKeys.stream().map(Column::name)
                .filter(k -> "date".equals(properties.get("projection." + k + ".type")))
                .findFirst();
    }

    /** The Java date pattern of a date-projected key (Athena uses Java's DateTimeFormatter patterns). */
    public String dateFormat(String key) {
        return properties.getOrDefault("projection." + key + ".format", "yyyy-MM-dd");
    }

    /** The JSON key a SerDe column reads ({@code mapping.<column>}), else the column name. */
    public String jsonKey(String column) {
        return properties.getOrDefault("mapping." + column, column);
    }
}
