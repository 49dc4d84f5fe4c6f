package io.firelake.events.catalog;

import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Parquet table in the Glue Data Catalog, derived from an event schema: data columns in schema order, partition keys
 * (always strings, as Firehose writes them into the S3 prefix) and Athena partition projection, so that new partitions
 * need no {@code MSCK REPAIR TABLE}.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html">Athena partition projection</a>
 */
public record TableDefinition(String database, String name, List<Column> columns, List<Column> partitionKeys,
                              Map<String, String> projection, String location) {

    public TableDefinition {
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        projection = Map.copyOf(projection);
        if (!location.endsWith("/")) {
            location = location + "/";
        }
    }

    /** The table for data written with {@code schema}, under {@code location} (an {@code s3://} or file URI). */
    public static TableDefinition of(EventSchema schema, String database, String name, String location) {
        List<Column> columns = schema.dataFields().stream()
                .map(f -> new Column(f.name(), f.storageType().glueType(), f.doc()))
                .toList();
        List<FieldSpec> partitions = schema.partitionFields();
        List<Column> keys = partitions.stream().map(f -> new Column(f.name(), "string", f.doc())).toList();
        Map<String, String> projection = new LinkedHashMap<>();
        if (!partitions.isEmpty() && partitions.stream().allMatch(f -> !f.projection().isEmpty())) {
            projection.put("projection.enabled", "true");
            for (FieldSpec key : partitions) {
                key.projection().forEach((property, value) ->
                        projection.put("projection." + key.name() + "." + property, value));
            }
            String base = location.endsWith("/") ? location : location + "/";
            projection.put("storage.location.template", base + partitions.stream()
                    .map(f -> f.name() + "=${" + f.name() + "}")
                    .collect(Collectors.joining("/")) + "/");
        }
        return new TableDefinition(database, name, columns, keys, projection, location);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
