package io.firelake.speed.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.speed.core.AggregateValue;
import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.AggregateSpec.Kind;
import io.firelake.speed.core.spec.FieldSpec;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link RealtimeReport} as text and as JSON, laid out from the spec: one column per value of a dimension with
 * declared values, one per aggregate without a dimension, a text column per other dimension; top-k lists and the
 * totals below.
 */
final class ReportText {

    /** One column of the minutes table: an aggregate, and the key of it the column shows ("" for the whole value). */
    private record Column(String header, String aggregate, String key, boolean text) {
    }

    private final RealtimeReport report;
    private final List<Column> columns = new ArrayList<>();

    ReportText(RealtimeReport report) {
        this.report = report;
        List<Column> textColumns = new ArrayList<>();
        for (AggregateSpec aggregate : report.spec().aggregates()) {
            FieldSpec by = aggregate.by() == null ? null : report.spec().field(aggregate.by());
            if (aggregate.kind() == Kind.TOP_K) {
                continue;
            }
            if (by == null) {
                columns.add(new Column(aggregate.name(), aggregate.name(), "", false));
            } else if (by.isEnum()) {
                for (String value : by.values()) {
                    columns.add(new Column(value, aggregate.name(), value, false));
                }
            } else {
                textColumns.add(new Column(aggregate.name(), aggregate.name(), "", true));
            }
        }
        columns.addAll(textColumns);
    }

    String render(String source) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("firelake realtime: %d minute(s), %s .. %s UTC, from %s (contract %s)%n",
                report.rows().size(), RealtimeReport.minuteText(report.firstMinute()),
                RealtimeReport.minuteText(report.lastMinute()), source, report.spec().source()));
        out.append(String.format("%n%-18s %8s", "minute", "events"));
        for (Column column : columns) {
            out.append(column.text() ? "  " + column.header() : String.format(" %" + width(column) + "s", column.header()));
        }
        out.append(System.lineSeparator());
        for (RealtimeReport.MinuteRow row : report.rows()) {
            out.append(String.format("%-18s %8d", RealtimeReport.minuteText(row.epochMinute()), row.events()));
            for (Column column : columns) {
                AggregateValue value = row.aggregates().get(column.aggregate());
                out.append(column.text() ? "  " + text(value)
                        : String.format(" %" + width(column) + "s", cell(value, column.key())));
            }
            out.append(System.lineSeparator());
        }
        for (AggregateSpec aggregate : report.spec().aggregates()) {
            AggregateValue total = report.totals().get(aggregate.name());
            if (aggregate.kind() == Kind.TOP_K) {
                out.append(String.format("%nTop %s (%s)%n", aggregate.name(), aggregate.field()));
                Map<String, BigDecimal> ranked = total instanceof AggregateValue.Amounts a ? a.values() : Map.of();
                if (ranked.isEmpty()) {
                    out.append("  (none)").append(System.lineSeparator());
                }
                int rank = 1;
                for (Map.Entry<String, BigDecimal> entry : ranked.entrySet()) {
                    out.append(String.format("  %2d. %8s  %s%n", rank++, entry.getValue().toPlainString(), entry.getKey()));
                }
            }
        }
        out.append(System.lineSeparator());
        for (AggregateSpec aggregate : report.spec().aggregates()) {
            if (aggregate.kind() == Kind.TOP_K) {
                continue;
            }
            AggregateValue total = report.totals().get(aggregate.name());
            out.append(String.format("%s: %s%s%n", aggregate.name(), text(total), aggregate.kind() == Kind.DISTINCT
                    ? String.format(" (distinct %s, HyperLogLog, standard error %.1f %%)", aggregate.field(),
                    RealtimeReport.standardError() * 100) : ""));
        }
        long badTotal = report.badByReason().values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("Bad records skipped: %d%s%n", badTotal, badTotal == 0 ? "" : " " + report.badByReason()));
        out.append(String.format("Late events (batch layer only): %d; duplicates dropped: %d%n", report.lateEvents(),
                report.duplicates()));
        return out.toString();
    }

    private static int width(Column column) {
        return Math.max(11, column.header().length());
    }

    private static String cell(AggregateValue value, String key) {
        if (value instanceof AggregateValue.Amount amount) {
            return amount.value().toPlainString();
        }
        if (value instanceof AggregateValue.Amounts amounts) {
            BigDecimal v = amounts.values().get(key);
            return v == null ? "0" : v.toPlainString();
        }
        if (value instanceof AggregateValue.Sketch sketch) {
            return Long.toString(sketch.estimate());
        }
        return "-";
    }

    private static String text(AggregateValue value) {
        if (value instanceof AggregateValue.Amounts amounts) {
            if (amounts.values().isEmpty()) {
                return "-";
            }
            StringBuilder text = new StringBuilder();
            amounts.values().forEach((key, amount) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(key).append(' ').append(amount.toPlainString()));
            return text.toString();
        }
        return cell(value, "");
    }

    String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("contract", report.spec().source());
            json.writeStringField("first_minute", RealtimeReport.minuteText(report.firstMinute()));
            json.writeStringField("last_minute", RealtimeReport.minuteText(report.lastMinute()));
            json.writeArrayFieldStart("minutes");
            for (RealtimeReport.MinuteRow row : report.rows()) {
                json.writeStartObject();
                json.writeStringField("minute", RealtimeReport.minuteText(row.epochMinute()));
                json.writeNumberField("events", row.events());
                writeValues(json, "aggregates", row.aggregates());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("events", report.events());
            writeValues(json, "totals", report.totals());
            json.writeNumberField("distinct_standard_error", RealtimeReport.standardError());
            json.writeObjectFieldStart("bad_records");
            for (Map.Entry<String, Long> entry : report.badByReason().entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("late_events", report.lateEvents());
            json.writeNumberField("duplicates", report.duplicates());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Numbers as numbers, by-key values as objects, distinct counts as their estimate. */
    private static void writeValues(JsonGenerator json, String name, Map<String, AggregateValue> values)
            throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, AggregateValue> entry : values.entrySet()) {
            AggregateValue value = entry.getValue();
            if (value instanceof AggregateValue.Amount amount) {
                json.writeNumberField(entry.getKey(), amount.value());
            } else if (value instanceof AggregateValue.Amounts amounts) {
                json.writeObjectFieldStart(entry.getKey());
                for (Map.Entry<String, BigDecimal> keyed : amounts.values().entrySet()) {
                    json.writeNumberField(keyed.getKey(), keyed.getValue());
                }
                json.writeEndObject();
            } else if (value instanceof AggregateValue.Sketch sketch) {
                json.writeNumberField(entry.getKey(), sketch.estimate());
            }
        }
        json.writeEndObject();
    }
}
