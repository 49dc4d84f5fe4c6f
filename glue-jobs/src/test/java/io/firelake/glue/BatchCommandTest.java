package io.firelake.glue;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.glue.compaction.CuratedSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake batch} starts Spark in a JVM of its own: this JVM never loads Spark (the raw lake is written and the
 * result read with DuckDB), the child gets the class path it is given.
 */
class BatchCommandTest {

    @TempDir
    Path lake;

    @Test
    void runsCompactionAndViewsInAChildJvm() throws Exception {
        Path hour = lake.resolve("raw/event_date=2026-11-20/event_hour=10");
        Files.createDirectories(hour);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            Map<String, String> e1 = Map.of("event_id", "'e1'", "event_ts", "TIMESTAMP '2026-11-20 10:00:00'",
                    "received_ts", "TIMESTAMP '2026-11-20 10:00:01'");
            Map<String, String> e2 = Map.of("event_id", "'e2'", "event_ts", "TIMESTAMP '2026-11-20 10:05:00'",
                    "received_ts", "TIMESTAMP '2026-11-20 10:05:01'");
            s.execute("COPY (" + select(e1) + " UNION ALL " + select(e2) + ") TO '" + hour.resolve("a.parquet")
                    + "' (FORMAT PARQUET)");
            s.execute("COPY (" + select(e1) + ") TO '" + hour.resolve("b.parquet") + "' (FORMAT PARQUET)");

            int exit = new CommandLine(new BatchCommand()).execute("--lake", lake.toString(), "--date", "2026-11-20",
                    "--lookback-days", "0", "--cores", "1", "--spark-classpath", System.getProperty("java.class.path"));

            assertThat(exit).isZero();
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM read_parquet('"
                    + lake.resolve("curated/event_date=2026-11-20") + "/*.parquet')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT sum(page_views) FROM read_parquet('"
                    + lake.resolve("views/traffic_hourly") + "/*/*.parquet')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void rejectsContradictoryDaysAndAMissingLake() {
        assertThat(new CommandLine(new BatchCommand()).execute("--lake", lake.toString(), "--date", "2026-11-20",
                "--from", "2026-11-19")).isEqualTo(2);
        assertThat(new CommandLine(new BatchCommand()).execute("--lake", lake.resolve("nothing").toString()))
                .isEqualTo(2);
    }

    @Test
    void aNegativeLookbackAndNoCoresAreRefusedBeforeSparkStarts() throws Exception {
        Files.createDirectories(lake.resolve("raw"));
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new BatchCommand()).setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute("--lake", lake.toString(), "--lookback-days", "-1")).isEqualTo(2);
        assertThat(cli.execute("--lake", lake.toString(), "--cores", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("firelake batch: --lookback-days must not be negative, not -1",
                "firelake batch: --cores must be at least 1, not 0").doesNotContain("Exception");
    }

    private static String select(Map<String, String> values) {
        Map<String, String> defaults = Map.of("schema_version", "1", "event_type", "'page_view'",
                "session_id", "'s1'", "page_url", "'https://shop.example/home'", "url_path", "'/home'",
                "referrer_class", "'direct'", "device_class", "'desktop'", "is_bot", "false",
                "processed_ts", "TIMESTAMP '2026-11-20 10:10:00'");
        List<Column> columns = CuratedSchema.dataColumns(EventContract.clickstream());
        return "SELECT " + columns.stream().map(c -> "CAST(" + values.getOrDefault(c.name(),
                        defaults.getOrDefault(c.name(), "NULL")) + " AS " + duckType(c.type()) + ") AS " + c.name())
                .collect(Collectors.joining(", "));
    }

    private static String duckType(String hive) {
        return switch (hive) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            default -> hive.toUpperCase();
        };
    }
}
