package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DuckDB's result columns as Athena describes and renders them: the Trino type name and precision of each column
 * ({@code ColumnInfo}), and each value as the text of its {@code VarCharValue} ({@code 2026-11-20 10:00:00.000} for a
 * timestamp, {@code 40.00} for a decimal, {@code [1, 2]} for an array; NULL as no value). DuckDB widens some types
 * where Trino does not (its {@code sum} of a BIGINT is a HUGEINT): they are named as Trino names the result.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/data-types.html">Athena data types</a>
 */
final class AthenaValues {

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    private AthenaValues() {
    }

    /** The Athena column of a DuckDB result column, from DuckDB's type name ({@code DECIMAL(38,2)}, {@code INTEGER[]}). */
    static QueryEngine.Column column(String name, String duckType) {
        String type = duckType.toUpperCase();
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new QueryEngine.Column(name, "decimal", Integer.parseInt(decimal.group(1)),
                    Integer.parseInt(decimal.group(2)));
        }
        if (type.endsWith("]") || type.startsWith("LIST")) {
            return new QueryEngine.Column(name, "array", 0, 0);
        }
        if (type.startsWith("STRUCT") || type.startsWith("UNION")) {
            return new QueryEngine.Column(name, "row", 0, 0);
        }
        if (type.startsWith("MAP")) {
            return new QueryEngine.Column(name, "map", 0, 0);
        }
        return switch (type) {
            case "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER", "UHUGEINT" -> new QueryEngine.Column(name, "bigint", 19, 0);
            case "INTEGER", "USMALLINT" -> new QueryEngine.Column(name, "integer", 10, 0);
            case "SMALLINT", "UTINYINT" -> new QueryEngine.Column(name, "smallint", 5, 0);
            case "TINYINT" -> new QueryEngine.Column(name, "tinyint", 3, 0);
            case "DOUBLE" -> new QueryEngine.Column(name, "double", 17, 0);
            case "FLOAT" -> new QueryEngine.Column(name, "real", 7, 0);
            case "BOOLEAN" -> new QueryEngine.Column(name, "boolean", 0, 0);
            case "DATE" -> new QueryEngine.Column(name, "date", 0, 0);
            case "TIME" -> new QueryEngine.Column(name, "time", 3, 0);
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS" ->
                    new QueryEngine.Column(name, "timestamp", 3, 0);
            case "TIMESTAMP WITH TIME ZONE" -> new QueryEngine.Column(name, "timestamp with time zone", 3, 0);
            case "INTERVAL" -> new QueryEngine.Column(name, "interval day to second", 0, 0);
            case "BLOB" -> new QueryEngine.Column(name, "varbinary", UNBOUNDED, 0);
            default -> new QueryEngine.Column(name, "varchar", UNBOUNDED, 0);
        };
    }

    /** The value of column {@code index} of the current row, as Athena's VarCharValue, or null for NULL. */
    static String value(ResultSet rs, int index, QueryEngine.Column column) throws SQLException {
        if (column.type().equals("timestamp")) {
            LocalDateTime ts = rs.getObject(index, LocalDateTime.class);
            return ts == null ? null : TIMESTAMP.format(ts);
        }
        return render(rs.getObject(index));
    }

    private static String render(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof Boolean || value instanceof String || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime ts) {
            return TIMESTAMP.format(ts);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return TIMESTAMP.format(ts.toLocalDateTime());
        }
        if (value instanceof OffsetDateTime ts) {
            return TIMESTAMP.format(ts.withOffsetSameInstant(ZoneOffset.UTC)) + " UTC";
        }
        if (value instanceof LocalTime t) {
            return TIME.format(t);
        }
        if (value instanceof Array array) {
            List<String> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(String.valueOf(render(item)));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Struct struct) {
            return render(struct instanceof org.duckdb.DuckDBStruct d ? d.getMap() : Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                entries.add(render(e.getKey()) + "=" + render(e.getValue()));
            }
            return "{" + String.join(", ", entries) + "}";
        }
        if (value instanceof byte[] bytes) {
            return bytesAsHex(bytes);
        }
        return value.toString();
    }

    /** Athena renders varbinary as hexadecimal bytes separated by spaces. */
    private static String bytesAsHex(byte[] bytes) {
        List<String> hex = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            hex.add(String.format("%02x", b));
        }
        return hex.stream().collect(Collectors.joining(" "));
    }
}
