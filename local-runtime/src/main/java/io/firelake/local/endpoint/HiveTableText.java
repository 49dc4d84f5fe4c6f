package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Glue table as Athena's Hive DDL prints it: {@code DESCRIBE} (plain, {@code EXTENDED} with the table's Thrift text,
 * {@code FORMATTED} with the table and storage sections), {@code SHOW COLUMNS}, {@code SHOW CREATE TABLE} and
 * {@code SHOW TBLPROPERTIES}. Hive pads a field to 20 characters (a longer one is left as it is) and separates fields
 * by tabs; every line is one row of one value. A view ({@code VIRTUAL_VIEW}) is described as Athena describes a view:
 * columns {@code column} and {@code type}, its types in Trino's spelling, nothing padded.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/describe-table.html">DESCRIBE</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-columns.html">SHOW COLUMNS</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-create-table.html">SHOW CREATE TABLE</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/show-tblproperties.html">SHOW TBLPROPERTIES</a>
 */
final class HiveTableText {

    /** Hive's width of a DESCRIBE field. */
    private static final int FIELD_WIDTH = 20;
    /** An empty line of Hive's three-field output. */
    private static final String BLANK = " \t \t ";
    private static final String VIEW = "VIRTUAL_VIEW";
    /** Hive's {@code java.util.Date#toString} of a creation time. */
    private static final DateTimeFormatter HIVE_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy",
            Locale.ROOT).withZone(ZoneId.of("UTC"));
    /** Hive's type names that Trino spells otherwise, for a view's columns. */
    private static final Map<String, String> TRINO_TYPES = Map.of("int", "integer", "string", "varchar", "float",
            "real", "binary", "varbinary", "timestamp", "timestamp(3)");

    private HiveTableText() {
    }

    static boolean isView(Table table) {
        return VIEW.equals(table.tableType());
    }

    static QueryEngine.QueryOutcome answer(CatalogStatements.TableStatement statement, Table table) {
        if ((statement instanceof CatalogStatements.Describe || statement instanceof CatalogStatements.ShowColumns)
                && isView(table)) {
            return CatalogStatements.result(List.of("column", "type"), "varchar", all(table).stream()
                    .map(c -> c.name() + "\t" + TRINO_TYPES.getOrDefault(c.type(), c.type())).toList());
        }
        if (statement instanceof CatalogStatements.Describe d) {
            return CatalogStatements.result(List.of("col_name", "data_type", "comment"), "string", switch (d.layout()) {
                case PLAIN -> describe(table);
                case EXTENDED -> extended(table);
                case FORMATTED -> formatted(table);
            });
        }
        if (statement instanceof CatalogStatements.ShowColumns) {
            return CatalogStatements.result(List.of("field"), "string",
                    all(table).stream().map(c -> pad(c.name())).toList());
        }
        if (statement instanceof CatalogStatements.ShowCreateTable) {
            return CatalogStatements.result(List.of("createtab_stmt"), "string", createTable(table));
        }
        String property = ((CatalogStatements.ShowTblProperties) statement).property();
        return CatalogStatements.result(List.of("prpt_name", "prpt_value"), "string", properties(table, property));
    }

    /** The columns, then the partition keys again under {@code # Partition Information}. */
    private static List<String> describe(Table table) {
        List<String> rows = new ArrayList<>();
        all(table).forEach(c -> rows.add(field(c)));
        partitionInformation(table, rows);
        return rows;
    }

    private static List<String> extended(Table table) {
        List<String> rows = describe(table);
        rows.add(BLANK);
        rows.add("Detailed Table Information\t" + thrift(table) + "\t ");
        return rows;
    }

    /** The columns under a header (the keys only under their own), then the table and its storage. */
    private static List<String> formatted(Table table) {
        List<String> rows = new ArrayList<>();
        rows.add(fields("# col_name", "data_type", "comment"));
        rows.add(BLANK);
        columns(table).forEach(c -> rows.add(field(c)));
        partitionInformation(table, rows);
        rows.add(BLANK);
        rows.add("# Detailed Table Information\t \t ");
        rows.add(labelled("Database:", table.databaseName()));
        rows.add(labelled("Owner:", String.valueOf(table.owner())));
        rows.add(labelled("CreateTime:", table.createTime() == null ? "UNKNOWN" : HIVE_TIME.format(table.createTime())));
        rows.add(labelled("LastAccessTime:", "UNKNOWN"));
        rows.add(labelled("Retention:", String.valueOf(table.retention() == null ? 0 : table.retention())));
        StorageDescriptor sd = storage(table);
        rows.add(labelled("Location:", String.valueOf(sd.location())));
        rows.add(labelled("Table Type:", String.valueOf(table.tableType())));
        rows.add("Table Parameters:\t \t ");
        new TreeMap<>(table.parameters()).forEach((k, v) -> rows.add("\t" + pad(k) + "\t" + pad(v)));
        rows.add(BLANK);
        rows.add("# Storage Information\t \t ");
        SerDeInfo serde = sd.serdeInfo() == null ? SerDeInfo.builder().build() : sd.serdeInfo();
        rows.add(labelled("SerDe Library:", String.valueOf(serde.serializationLibrary())));
        rows.add(labelled("InputFormat:", String.valueOf(sd.inputFormat())));
        rows.add(labelled("OutputFormat:", String.valueOf(sd.outputFormat())));
        rows.add(labelled("Compressed:", Boolean.TRUE.equals(sd.compressed()) ? "Yes" : "No"));
        rows.add(labelled("Num Buckets:", String.valueOf(buckets(sd))));
        rows.add(labelled("Bucket Columns:", sd.bucketColumns().toString()));
        rows.add(labelled("Sort Columns:", "[]"));
        if (!serde.parameters().isEmpty()) {
            rows.add("Storage Desc Params:\t \t ");
            new TreeMap<>(serde.parameters()).forEach((k, v) -> rows.add("\t" + pad(k) + "\t" + pad(v)));
        }
        return rows;
    }

    private static void partitionInformation(Table table, List<String> rows) {
        if (!table.partitionKeys().isEmpty()) {
            rows.add(BLANK);
            rows.add("# Partition Information\t \t ");
            rows.add(fields("# col_name", "data_type", "comment"));
            rows.add(BLANK);
            table.partitionKeys().forEach(c -> rows.add(field(c)));
        }
    }

    /** Hive's SHOW CREATE TABLE, one line a row. */
    private static List<String> createTable(Table table) {
        List<String> lines = new ArrayList<>();
        boolean external = "EXTERNAL_TABLE".equals(table.tableType());
        lines.add("CREATE " + (external ? "EXTERNAL " : "") + "TABLE `" + table.name() + "`(");
        columnList(columns(table), lines);
        if (!table.partitionKeys().isEmpty()) {
            lines.add("PARTITIONED BY ( ");
            columnList(table.partitionKeys(), lines);
        }
        StorageDescriptor sd = storage(table);
        if (sd.serdeInfo() != null && sd.serdeInfo().serializationLibrary() != null) {
            lines.add("ROW FORMAT SERDE ");
            lines.add("  '" + escape(sd.serdeInfo().serializationLibrary()) + "' ");
            if (!sd.serdeInfo().parameters().isEmpty()) {
                lines.add("WITH SERDEPROPERTIES ( ");
                pairs(sd.serdeInfo().parameters(), lines, ") ");
            }
        }
        if (sd.inputFormat() != null) {
            lines.add("STORED AS INPUTFORMAT ");
            lines.add("  '" + escape(sd.inputFormat()) + "' ");
            lines.add("OUTPUTFORMAT ");
            lines.add("  '" + escape(String.valueOf(sd.outputFormat())) + "'");
        }
        if (sd.location() != null) {
            lines.add("LOCATION");
            lines.add("  '" + escape(sd.location()) + "'");
        }
        Map<String, String> properties = new TreeMap<>(table.parameters());
        properties.remove("EXTERNAL");
        if (!properties.isEmpty()) {
            lines.add("TBLPROPERTIES (");
            pairs(properties, lines, ")");
        }
        return lines;
    }

    private static void columnList(List<Column> columns, List<String> lines) {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String comment = c.comment() == null ? "" : " COMMENT '" + escape(c.comment()) + "'";
            lines.add("  `" + c.name() + "` " + c.type() + comment + (i < columns.size() - 1 ? ", " : ")"));
        }
    }

    private static void pairs(Map<String, String> values, List<String> lines, String close) {
        List<String> keys = new ArrayList<>(new TreeMap<>(values).keySet());
        for (int i = 0; i < keys.size(); i++) {
            lines.add("  '" + escape(keys.get(i)) + "'='" + escape(values.get(keys.get(i))) + "'"
                    + (i < keys.size() - 1 ? ", " : close));
        }
    }

    /** SHOW TBLPROPERTIES: name and value of each property by name, or of the one asked for. */
    private static List<String> properties(Table table, String property) {
        if (property == null) {
            return new TreeMap<>(table.parameters()).entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue())
                    .toList();
        }
        String value = table.parameters().get(property);
        return List.of(value == null ? "Table " + table.databaseName() + "." + table.name()
                + " does not have property: " + property : property + "\t" + value);
    }

    /** The table's metastore object as Hive's Thrift {@code toString} prints it. */
    private static String thrift(Table table) {
        StorageDescriptor sd = storage(table);
        SerDeInfo serde = sd.serdeInfo() == null ? SerDeInfo.builder().build() : sd.serdeInfo();
        return "Table(tableName:" + table.name() + ", dbName:" + table.databaseName() + ", owner:" + table.owner()
                + ", createTime:" + seconds(table.createTime()) + ", lastAccessTime:0, retention:"
                + (table.retention() == null ? 0 : table.retention()) + ", sd:StorageDescriptor(cols:"
                + schemas(columns(table)) + ", location:" + sd.location() + ", inputFormat:" + sd.inputFormat()
                + ", outputFormat:" + sd.outputFormat() + ", compressed:" + Boolean.TRUE.equals(sd.compressed())
                + ", numBuckets:" + buckets(sd) + ", serdeInfo:SerDeInfo(name:" + serde.name() + ", serializationLib:"
                + serde.serializationLibrary() + ", parameters:" + map(serde.parameters()) + "), bucketCols:"
                + sd.bucketColumns() + ", sortCols:[], parameters:" + map(sd.parameters()) + "), partitionKeys:"
                + schemas(table.partitionKeys()) + ", parameters:" + map(table.parameters()) + ", viewOriginalText:"
                + table.viewOriginalText() + ", viewExpandedText:" + table.viewExpandedText() + ", tableType:"
                + table.tableType() + ")";
    }

    private static String schemas(List<Column> columns) {
        return columns.stream().map(c -> "FieldSchema(name:" + c.name() + ", type:" + c.type() + ", comment:"
                + c.comment() + ")").collect(Collectors.joining(", ", "[", "]"));
    }

    private static String map(Map<String, String> values) {
        return new TreeMap<>(values).toString();
    }

    private static long seconds(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }

    private static int buckets(StorageDescriptor sd) {
        return sd.numberOfBuckets() == null || sd.numberOfBuckets() == 0 ? -1 : sd.numberOfBuckets();
    }

    private static StorageDescriptor storage(Table table) {
        return table.storageDescriptor() == null ? StorageDescriptor.builder().build() : table.storageDescriptor();
    }

    private static List<Column> columns(Table table) {
        return storage(table).columns();
    }

    private static List<Column> all(Table table) {
        return Stream.concat(columns(table).stream(), table.partitionKeys().stream()).toList();
    }

    /** Hive escapes a quote and a semicolon in SHOW CREATE TABLE's literals. */
    private static String escape(String text) {
        return text.replace("'", "\\'").replace(";", "\\;");
    }

    private static String labelled(String label, String value) {
        return pad(label) + "\t" + pad(value) + "\t ";
    }

    private static String field(Column c) {
        return fields(c.name(), c.type(), c.comment() == null ? "" : c.comment());
    }

    private static String fields(String... values) {
        return Stream.of(values).map(HiveTableText::pad).collect(Collectors.joining("\t"));
    }

    private static String pad(String value) {
        return String.format(Locale.ROOT, "%-" + FIELD_WIDTH + "s", value);
    }
}
