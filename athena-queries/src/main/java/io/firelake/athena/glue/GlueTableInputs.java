package io.firelake.athena.glue;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lake table as Glue's {@code TableInput}: the columns, partition keys, location, SerDe and partition projection of
 * the table's DDL (itself rendered from the event contract), and the raw table's record of the contract's raw schema
 * ({@link LakeTables#recordedParameters}) and a view's description ({@link LakeTables#description}), as the SAM
 * template declares the same tables.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html">TableInput</a>
 */
public final class GlueTableInputs {

    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    private GlueTableInputs() {
    }

    /** The table's input for the lake rooted at {@code lakeRoot} ({@code s3://bucket}). */
    public static TableInput of(String table, String lakeRoot) {
        String root = lakeRoot.endsWith("/") ? lakeRoot.substring(0, lakeRoot.length() - 1) : lakeRoot;
        TableSpec spec = LakeTables.spec(table);
        boolean parquet = spec.format().equals("parquet");
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> serde = new LinkedHashMap<>();
        parameters.put("classification", parquet ? "parquet" : "json");
        spec.properties().forEach((k, v) -> {
            if (k.startsWith("mapping.")) {
                serde.put(k, v);
            } else {
                parameters.put(k, v.replace(LakeTables.LAKE_PLACEHOLDER, root));
            }
        });
        parameters.putAll(LakeTables.recordedParameters(table));
        return TableInput.builder()
                .name(spec.name())
                .description(LakeTables.description(table).orElse(null))
                .tableType("EXTERNAL_TABLE")
                .parameters(parameters)
                .partitionKeys(columns(spec.partitionKeys()))
                .storageDescriptor(StorageDescriptor.builder()
                        .location(spec.location().replace(LakeTables.LAKE_PLACEHOLDER, root))
                        .inputFormat(parquet ? PARQUET_INPUT : TEXT_INPUT)
                        .outputFormat(parquet ? PARQUET_OUTPUT : TEXT_OUTPUT)
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(parquet ? PARQUET_SERDE : JSON_SERDE)
                                .parameters(serde).build())
                        .columns(columns(spec.columns()))
                        .build())
                .build();
    }

    static List<Column> columns(List<io.firelake.events.catalog.Column> columns) {
        return columns.stream().map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
    }

    static List<io.firelake.events.catalog.Column> fromGlue(List<Column> columns) {
        return columns.stream().map(c -> new io.firelake.events.catalog.Column(c.name(), c.type(), c.comment()))
                .toList();
    }
}
