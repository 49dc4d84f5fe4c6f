package io.firelake.local.cli;

import io.firelake.config.layout.DataLayout;
import io.firelake.events.contract.Contracts;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.eventsource.KinesisEventSourceMapping;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.SpeedLayer;
import io.firelake.producer.send.SendSummary;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.firelake.local.cli.DemoCommand.seconds;

/** What {@code firelake demo} prints about a run: its progress line, the speed layer's close and the summary. */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * Waits for the speed layer's last windows to close (their final invocations write the items; windows close on the
     * clock, so up to one window length), then reads back what the table holds for this run.
     */
    static String speedLayer(PrintWriter out, SpeedLayer layer, PipelineSettings settings, LocalPipeline pipeline,
                                     Instant startedAt) {
        int window = settings.integer(DemoCommand.SPEED_WINDOW);
        out.printf(Locale.ROOT, "waiting for the speed layer's last %d s tumbling window to close...%n", window);
        out.flush();
        long waiting = System.nanoTime();
        boolean drained;
        try {
            drained = layer.drain(pipeline.firehose().firehose().checkpoints(), Duration.ofSeconds(window + 60L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "  speed layer interrupted";
        }
        out.printf(Locale.ROOT, "  %s in %.1f s%n", drained ? "closed" : "NOT closed (timed out)", seconds(waiting));
        long firstMinute = Math.floorDiv(startedAt.getEpochSecond(), 60L);
        long lastMinute = Math.floorDiv(Instant.now().getEpochSecond(), 60L);
        SpeedLayer.Summary summary = layer.summary(firstMinute, lastMinute);
        long invocations = layer.stats().stream().mapToLong(KinesisEventSourceMapping.ShardStats::invocations).sum();
        return String.format(Locale.ROOT, "  speed layer %,d events counted into %,d event-time minutes (%,d items) of table %s; "
                        + "%,d windows, %,d invocations; %,d bad records skipped%s, %,d duplicates dropped, %,d late "
                        + "(batch layer only)",
                summary.events(), summary.minutesWithEvents(), summary.minuteItems(), layer.tableName(), summary.windows(),
                invocations, summary.badRecords(), summary.badRecords() == 0 ? "" : " " + summary.badByReason(),
                summary.duplicates(), summary.lateEvents()) + System.lineSeparator() + layer.compareWithLake(
                pipeline.lakeDir().resolve("raw"), firstMinute - 5, lastMinute + 1, Duration.ofSeconds(window)).text();
    }

    static void progress(PrintWriter out, boolean tty, SendSummary sent, DeliveryStats firehose) {
        String line = String.format(Locale.ROOT, "  produced %,d (%,.0f/s) | firehose read %,d, delivered %,d, failed %,d, in flight %,d",
                sent.delivered(), sent.recordsPerSecond(), firehose.read(), firehose.delivered(), firehose.failed(), firehose.pending());
        if (tty) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    static void summary(PrintWriter out, SendSummary sent, DeliveryStats stats, DataLayout layout) throws Exception {
        out.println();
        out.println("summary");
        out.printf(Locale.ROOT, "  produced    %,d records by kind: %s%n", sent.delivered(), kinds(sent.recordsByKind()));
        out.printf(Locale.ROOT, "  firehose    read %,d, %,d processor invocations (%,d failed), Ok %,d, dropped %,d%n",
                stats.read(), stats.invocations(), stats.failedInvocations(), stats.ok(), stats.dropped());
        out.printf(Locale.ROOT, "  delivered   %,d events in %,d Parquet objects under %s%n", stats.delivered(), stats.objects(),
                layout.rawDir());
        out.printf(Locale.ROOT, "  failed      %,d records under %s: %s%n", stats.failed(), layout.errorsDir(),
                stats.failed() == 0 ? "none" : kinds(stats.failedByType()) + "; by error code " + kinds(stats.failedByCode()));
        out.printf(Locale.ROOT, "  duckdb      %,d rows in read_parquet('%s', hive_partitioning=true)%n",
                countRows(layout.rawDir()), rawGlob(layout.rawDir()));
        out.println("  metrics     " + layout.metricsFile() + " (Firehose's CloudWatch metric names)");
        out.println("  lambda log  " + layout.logsDir());
    }

    private static String kinds(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    /** Firehose's raw objects: a directory level per partition key of the contract. */
    private static String rawGlob(Path raw) {
        return raw + "/*".repeat(Contracts.selected().enriched().partitionFields().size()) + "/*.parquet";
    }

    static long countRows(Path raw) throws Exception {
        if (!Files.isDirectory(raw)) {
            return 0;
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + rawGlob(raw) + "', "
                     + "hive_partitioning = true)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
