package io.firelake.athena.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a result as an aligned text table, CSV (RFC 4180) or one JSON object per report. */
public final class ResultFormatter {

    public enum Format { table, csv, json }

    /** Decimals keep their scale (revenue 10.00, not 1E+1). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ResultFormatter() {
    }

    public static String format(Report report, ReportResult result, Format format) {
        return switch (format) {
            case table -> table(result);
            case csv -> csv(result);
            case json -> json(report, result);
        };
    }

    static String table(ReportResult result) {
        List<String> columns = result.columns();
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<String> line = row.stream().map(ResultFormatter::text).toList();
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, columns, widths);
        appendRow(out, columns.stream().map(c -> "").toList(), widths, '-');
        cells.forEach(line -> appendRow(out, line, widths));
        out.append('(').append(result.rows().size()).append(result.rows().size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> values, int[] widths) {
        appendRow(out, values, widths, ' ');
    }

    private static void appendRow(StringBuilder out, List<String> values, int[] widths, char pad) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            out.append(i == 0 ? "" : pad == '-' ? "-+-" : " | ");
            out.append(value).append(String.valueOf(pad).repeat(widths[i] - value.length()));
        }
        out.append('\n');
    }

    static String csv(ReportResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.columns().stream().map(ResultFormatter::csvCell).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : result.rows()) {
            out.append(row.stream().map(v -> v == null ? "" : csvCell(text(v))).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    static String json(Report report, ReportResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("report", report.name());
        root.put("question", report.question());
        ArrayNode rows = root.putArray("rows");
        for (List<Object> row : result.rows()) {
            ObjectNode object = rows.addObject();
            for (int i = 0; i < result.columns().size(); i++) {
                Object value = row.get(i);
                if (value instanceof BigDecimal d) {
                    object.put(result.columns().get(i), d);
                } else {
                    object.set(result.columns().get(i), JSON.valueToTree(value));
                }
            }
        }
        root.put("bytes_scanned", result.bytesScanned());
        result.costUsd().ifPresent(cost -> root.put("cost_usd", cost));
        return root.toString() + "\n";
    }

    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
