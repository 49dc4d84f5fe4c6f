package io.firelake.local.runtime;

import io.firelake.events.EventContract;
import io.firelake.events.contract.LakeColumns;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.RecentEventIds;
import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.AggregateSpec.Kind;
import io.firelake.speed.core.spec.FieldSpec;
import io.firelake.speed.core.spec.SpeedLayerSpec;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * The lambda architecture's two answers compared, for any contract: each per-minute aggregate of the speed layer's
 * table (counts and sums, by dimension and condition, minimums and maximums: the exact kinds; distinct and top-k are
 * estimates) against the same aggregate DuckDB computes over the raw lake, with the speed-layer.yaml's fields read from
 * the lake columns of the same names. The lake is de-duplicated as the speed layer de-duplicates: by event id within
 * one shard's tumbling window (a duplicate sent in another window is counted twice there and removed by the batch
 * layer) and, when the contract keeps the sequence numbers too, only against the shard's last
 * {@link RecentEventIds#CAPACITY} events, as far back as the speed layer remembers; else by event id alone.
 */
public final class SpeedLayerLakeCheck {

    /** What was compared and whether the two agree. */
    public record Result(boolean agrees, List<String> lines) {
        public String text() {
            return String.join(System.lineSeparator(), lines);
        }
    }

    private final SpeedLayerSpec spec;
    private final EventContract contract;
    private final Path rawDir;

    public SpeedLayerLakeCheck(SpeedLayerSpec spec, EventContract contract, Path rawDir) {
        this.spec = spec;
        this.contract = contract;
        this.rawDir = rawDir;
    }

    /** Compares event-time minutes {@code [firstMinute, lastMinute]} of {@code items} with the lake. */
    public Result compare(List<MinuteItem> items, long firstMinute, long lastMinute, Duration window) throws SQLException {
        LakeColumns lake = contract.lake();
        boolean perWindow = lake.shardId() != null && lake.receivedTs() != null;
        String files = "read_parquet('" + rawDir + "/*/*/*.parquet', hive_partitioning = true, "
                + "hive_types_autocast = false)";
        String minutes = "epoch_ms(" + q(lake.eventTime()) + ") // 60000 BETWEEN " + firstMinute + " AND " + lastMinute;
        String once = perWindow && lake.sequenceNumber() != null
                ? withinRecentIds(lake, files, window, minutes)
                : "SELECT DISTINCT ON (" + q(lake.eventId())
                + (perWindow ? ", " + q(lake.shardId()) + ", epoch_ms(" + q(lake.receivedTs()) + ") // " + window.toMillis() : "")
                + ") *, epoch_ms(" + q(lake.eventTime()) + ") // 60000 AS minute_ FROM " + files + " WHERE " + minutes;
        List<String> lines = new ArrayList<>();
        boolean agrees = true;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone='UTC'");
            sql.execute("CREATE TEMP TABLE once AS " + once);
            Map<String, BigDecimal> speedEvents = new TreeMap<>();
            items.stream().filter(i -> i.events() > 0).forEach(i -> speedEvents.merge(i.epochMinute() + "/",
                    BigDecimal.valueOf(i.events()), BigDecimal::add));
            Map<String, BigDecimal> lakeEvents = query(sql, "SELECT minute_, '', count(*) FROM once GROUP BY 1, 2");
            // Named as the table's attribute: clickstream has an aggregate called "events" too (by type).
            agrees &= line(lines, "events_total", speedEvents, lakeEvents);
            for (AggregateSpec aggregate : spec.aggregates()) {
                String select = select(aggregate);
                if (select == null) {
                    lines.add("    " + aggregate.name() + ": not compared (" + why(aggregate) + ")");
                    continue;
                }
                Map<String, BigDecimal> speed = speed(items, aggregate);
                if (speed.keySet().stream().anyMatch(k -> k.endsWith("/" + AggregateSpec.OTHER_KEY))) {
                    lines.add("    " + aggregate.name() + ": not compared (keys past max_keys are summed under OTHER)");
                    continue;
                }
                agrees &= line(lines, aggregate.name(), speed, query(sql, select));
            }
        }
        lines.add(0, "  speed layer vs lake (DuckDB, de-duplicated by " + lake.eventId()
                + (perWindow ? " per shard and tumbling window" : "") + "), minutes " + firstMinute + ".." + lastMinute
                + ": " + (agrees ? "equal" : "DIFFERENT"));
        return new Result(agrees, lines);
    }

    /**
     * The lake's events as the speed layer keeps them: it remembers the ids of the last {@link RecentEventIds#CAPACITY}
     * events of a shard's window, so an event whose earlier copy lies further back in shard order (or in another
     * window) is counted again there. Positions count the lake's events of the shard in sequence order, which is the
     * order the speed layer reads them in.
     */
    private static String withinRecentIds(LakeColumns lake, String files, Duration window, String minutes) {
        String order = "length(" + q(lake.sequenceNumber()) + "), " + q(lake.sequenceNumber())
                + (lake.subsequenceNumber() == null ? "" : ", " + q(lake.subsequenceNumber()));
        return "WITH positioned AS (SELECT *, row_number() OVER (PARTITION BY " + q(lake.shardId()) + " ORDER BY "
                + order + ") AS position_ FROM " + files + "), copies AS (SELECT *, position_ - lag(position_) OVER "
                + "(PARTITION BY " + q(lake.eventId()) + ", " + q(lake.shardId()) + ", epoch_ms(" + q(lake.receivedTs())
                + ") // " + window.toMillis() + " ORDER BY position_) AS since_ FROM positioned) "
                + "SELECT * EXCLUDE (position_, since_), epoch_ms(" + q(lake.eventTime()) + ") // 60000 AS minute_ "
                + "FROM copies WHERE (since_ IS NULL OR since_ > " + RecentEventIds.CAPACITY + ") AND " + minutes;
    }

    private String select(AggregateSpec aggregate) {
        if (aggregate.kind() == Kind.DISTINCT || aggregate.kind() == Kind.TOP_K) {
            return null;
        }
        String field = column(aggregate.field());
        String times = column(aggregate.times());
        String by = column(aggregate.by());
        String where = aggregate.where() == null ? null : column(aggregate.where().field());
        if ((aggregate.field() != null && field == null) || (aggregate.times() != null && times == null)
                || (aggregate.by() != null && by == null) || (aggregate.where() != null && where == null)) {
            return null;
        }
        String value = switch (aggregate.kind()) {
            case COUNT -> "count(*)";
            case SUM -> "sum(" + q(field) + (times == null ? "" : " * " + q(times)) + ")";
            case MIN -> "min(" + q(field) + ")";
            case MAX -> "max(" + q(field) + ")";
            default -> throw new IllegalStateException(aggregate.kind().name());
        };
        List<String> filters = new ArrayList<>();
        if (field != null) {
            filters.add(q(field) + " IS NOT NULL" + (times == null ? "" : " AND " + q(times) + " IS NOT NULL"));
        }
        if (by != null) {
            filters.add(q(by) + " IS NOT NULL"); // the speed layer keys no event without its dimension
        }
        if (where != null) {
            filters.add(q(where) + " IN (" + aggregate.where().values().stream().map(v -> "'" + v.replace("'", "''") + "'")
                    .collect(Collectors.joining(", ")) + ")");
        }
        return "SELECT minute_, " + (by == null ? "''" : "CAST(" + q(by) + " AS VARCHAR)") + ", " + value + " FROM once"
                + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters)) + " GROUP BY 1, 2"
                + (additive(aggregate) ? " HAVING " + value + " <> 0" : "");
    }

    /** Counts and sums: a zero is no value (the speed layer keeps none for a minute no event added to). */
    private static boolean additive(AggregateSpec aggregate) {
        return aggregate.kind() == Kind.COUNT || aggregate.kind() == Kind.SUM;
    }

    private String why(AggregateSpec aggregate) {
        return aggregate.kind() == Kind.DISTINCT || aggregate.kind() == Kind.TOP_K ? "a " + aggregate.kind().yamlName()
                + " is an estimate" : "a field it reads is not a lake column of the same name";
    }

    /**
     * The lake column a speed-layer field reads: the enriched field of the same name, or a record's sub-field at the
     * same dotted path ({@code location.building}), when there is one.
     */
    private String column(String specField) {
        if (specField == null) {
            return null;
        }
        FieldSpec field = spec.field(specField);
        String name = field.pathText();
        return field.path().size() <= 2 && contract.enriched().fieldAt(name).isPresent() ? name : null;
    }

    private static Map<String, BigDecimal> speed(List<MinuteItem> items, AggregateSpec aggregate) {
        BinaryOperator<BigDecimal> merge = switch (aggregate.kind()) {
            case MIN -> BigDecimal::min;
            case MAX -> BigDecimal::max;
            default -> BigDecimal::add;
        };
        Map<String, BigDecimal> values = new TreeMap<>();
        for (MinuteItem item : items) {
            if (aggregate.by() == null) {
                BigDecimal amount = item.amount(aggregate.name());
                if (amount != null && (!additive(aggregate) || amount.signum() != 0)) {
                    values.merge(item.epochMinute() + "/", amount, merge);
                }
            } else {
                item.amounts(aggregate.name()).forEach((key, amount) -> {
                    if (!additive(aggregate) || amount.signum() != 0) {
                        values.merge(item.epochMinute() + "/" + key, amount, merge);
                    }
                });
            }
        }
        return values;
    }

    private static Map<String, BigDecimal> query(Statement sql, String select) throws SQLException {
        Map<String, BigDecimal> values = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery(select)) {
            while (rs.next()) {
                values.put(rs.getLong(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
            }
        }
        return values;
    }

    /** One line per aggregate: equal, or the first differing minutes; doubles equal to 1e-9 relative (sums' order). */
    private static boolean line(List<String> lines, String name, Map<String, BigDecimal> speed, Map<String, BigDecimal> lake) {
        List<String> differences = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(union(speed, lake))) {
            BigDecimal a = speed.get(key);
            BigDecimal b = lake.get(key);
            if (a == null || b == null || a.subtract(b).abs().doubleValue()
                    > 1e-9 * Math.max(1, Math.max(a.abs().doubleValue(), b.abs().doubleValue()))) {
                differences.add(key + ": speed " + a + ", lake " + b);
            }
        }
        lines.add("    " + name + ": " + (differences.isEmpty() ? "equal (" + speed.size() + (speed.size() == 1 ? " value)" : " values)")
                : differences.size() + " of " + union(speed, lake).size() + " differ, e.g. "
                + String.join("; ", differences.subList(0, Math.min(3, differences.size())))));
        return differences.isEmpty();
    }

    private static java.util.Set<String> union(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /** A column, or a struct's sub-field by its dotted path, quoted for DuckDB (Avro names hold no dots). */
    private static String q(String column) {
        return java.util.Arrays.stream(column.split("\\."))
                .map(part -> "\"" + part.replace("\"", "\"\"") + "\"").collect(Collectors.joining("."));
    }
}
