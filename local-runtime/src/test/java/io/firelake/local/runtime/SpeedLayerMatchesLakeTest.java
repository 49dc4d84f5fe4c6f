package io.firelake.local.runtime;

import io.firelake.events.contract.PinnedContract;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.reader.AggregateReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lambda architecture's two answers agree: on live traffic through the whole local pipeline (producer with faults
 * and duplicates, kinesalite, the local Firehose and transform into the Parquet lake, and the speed layer through
 * Lambda's event source mapping into DynamoDB Local), the speed layer's per-minute counts by event type equal the
 * counts DuckDB computes from the raw lake for the same minutes, de-duplicated by event_id. Bad records are in neither
 * (the transform sends them to the error prefix, the speed layer skips them).
 *
 * <p>The speed layer drops duplicates within one shard's window only (the batch layer removes the rest), so the burst
 * is sent right after a window boundary: the simulator's duplicates re-send a recent event with the same partition key,
 * hence to the same shard and, here, the same window.
 */
@PinnedContract("clickstream")
class SpeedLayerMatchesLakeTest {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final int EVENTS = 1_500;

    @Test
    void perMinuteCountsByEventTypeEqualTheDeduplicatedLake(@TempDir Path data) throws Exception {
        PipelineSettings settings = SamTemplate.load();
        var options = new LocalPipeline.Options(data, settings, 0, 0, 0, c -> c, c -> c.withTumblingWindow(WINDOW)
                .withMaximumBatchingWindow(Duration.ofSeconds(1)));
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            SpeedLayer speed = pipeline.speedLayer().orElseThrow();
            awaitWindowStart();
            long firstMinute = Math.floorDiv(System.currentTimeMillis(), 60_000L);
            ProducerRun.ProducerResult produced = ProducerRun.builder()
                    .endpoint(pipeline.kinesisEndpoint())
                    .stream(settings.streamName())
                    .simulate(SimulationSettings.live(7, EVENTS).withFaults(FaultRates.combined(0.05)))
                    .build()
                    .run();
            assertThat(produced.complete()).isTrue();
            assertThat(produced.summary().recordsByKind()).containsKeys("duplicate", "malformed_json");

            pipeline.firehose().drain(Duration.ofSeconds(60));
            assertThat(speed.drain(pipeline.firehose().firehose().checkpoints(), WINDOW.plusSeconds(30)))
                    .as("the speed layer processed the stream and closed its windows").isTrue();
            long lastMinute = Math.floorDiv(System.currentTimeMillis(), 60_000L);

            Map<String, Long> speedCounts = new TreeMap<>();
            for (MinuteItem item : new AggregateReader(speed.dynamo(), speed.tableName()).minutes(firstMinute - 5, lastMinute + 1)) {
                item.counts("events").forEach((type, n) -> {
                    if (n > 0) {
                        speedCounts.merge(item.epochMinute() + "/" + type, n, Long::sum);
                    }
                });
            }
            Map<String, Long> lakeCounts = lakeCounts(pipeline.lakeDir(), firstMinute - 5, lastMinute + 1);

            assertThat(lakeCounts.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(EVENTS / 2);
            assertThat(speedCounts).isEqualTo(lakeCounts);
            SpeedLayer.Summary summary = speed.summary(firstMinute, lastMinute);
            assertThat(summary.badRecords()).as("bad records were skipped, not counted").isPositive();
            assertThat(summary.duplicates()).as("duplicates were dropped, not counted").isPositive();
        }
    }

    /** Sleeps until just after a tumbling window boundary (windows are aligned to the epoch, as on Lambda). */
    private static void awaitWindowStart() throws InterruptedException {
        long window = WINDOW.toMillis();
        long now = System.currentTimeMillis();
        long next = (now / window + 1) * window;
        Thread.sleep(next - now + 100);
    }

    /** Distinct event_ids per event-time minute and type, from the raw Parquet the local Firehose wrote. */
    static Map<String, Long> lakeCounts(Path lake, long firstMinute, long lastMinute) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone='UTC'");
            try (ResultSet rs = sql.executeQuery("SELECT epoch_ms(event_ts) // 60000 AS minute, event_type, "
                    + "count(DISTINCT event_id) FROM read_parquet('" + lake + "/raw/*/*/*.parquet', hive_partitioning = true, "
                    + "hive_types_autocast = false) WHERE epoch_ms(event_ts) // 60000 BETWEEN " + firstMinute + " AND "
                    + lastMinute + " GROUP BY 1, 2")) {
                while (rs.next()) {
                    counts.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }
}
