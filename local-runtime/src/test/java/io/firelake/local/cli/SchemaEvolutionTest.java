package io.firelake.local.cli;

import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractEvolution;
import io.firelake.events.contract.ContractLoader;
import io.firelake.events.contract.Contracts;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.FirehoseRunner;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.SpeedLayer;
import io.firelake.local.runtime.SpeedLayerLakeCheck;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's schema evolution, on the IoT contract while the local pipeline runs: version 2 adds an optional field
 * ({@code voltage_v}). {@link ContractEvolution} accepts it; {@code catalog sync} adds the column to the Glue table
 * through the endpoint's Glue API, and the local Firehose converts with the new table version; new producers send the
 * field, the files written before lack it, and DuckDB reads both together; the speed layer, started on version 1's
 * aggregates, keeps agreeing with the lake. A version that drops the column again is a breaking drift
 * {@code catalog check} names (and {@code firelake deploy} refuses: {@code DeployRefusesBreakingContractTest}).
 */
class SchemaEvolutionTest {

    private static final int EVENTS = 600;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path data;
    @TempDir
    Path contracts;

    @AfterEach
    void forgetTheContract() {
        System.clearProperty(Contracts.PROPERTY);
    }

    @Test
    void anOptionalFieldAddedWhileThePipelineRunsKeepsEveryStageWorking() throws Exception {
        Path v1 = copy(Path.of("../contracts/iot-telemetry"), contracts.resolve("v1"));
        Path v2 = copy(v1, contracts.resolve("v2"));
        String added = "{\"name\": \"voltage_v\", \"type\": [\"null\", \"double\"], \"default\": null},\n    ";
        insertBefore(v2.resolve("iot-raw.avsc"), "{\"name\": \"signal_dbm\"", added);
        insertBefore(v2.resolve("iot-enriched.avsc"), "{\"name\": \"signal_dbm\"", added);
        insertBefore(v2.resolve("contract.yaml"), "    signal_dbm:", "    voltage_v: {min: 3, max: 4.2, null_rate: 0.2}\n");
        EventContract running = Contracts.select(v1.toString());
        ContractEvolution.Verdict verdict = ContractEvolution.compare(running, ContractLoader.load(v2));
        assertThat(verdict.compatible()).as(verdict.breaking().toString()).isTrue();
        assertThat(verdict.additions()).containsExactly("raw field voltage_v", "lake column voltage_v");

        var options = new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, 0, c -> c,
                c -> c.withTumblingWindow(WINDOW).withMaximumBatchingWindow(Duration.ofSeconds(1)));
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            long firstMinute = Math.floorDiv(System.currentTimeMillis(), 60_000L);
            send(pipeline, 1);
            pipeline.firehose().drain(Duration.ofSeconds(60));
            FirehoseRunner before = pipeline.firehose();
            String glue = pipeline.awsEndpoint().toString();

            FirelakeCliTest.Run check = FirelakeCliTest.run("catalog", "check", "--endpoint-url", glue, "--contract",
                    v2.toString(), "--table", "raw_events");
            assertThat(check.exit()).isEqualTo(1);
            assertThat(check.out()).contains("raw_events: missing column voltage_v double").doesNotContain("breaking");
            FirelakeCliTest.Run sync = FirelakeCliTest.run("catalog", "sync", "--endpoint-url", glue, "--contract",
                    v2.toString(), "--table", "raw_events");
            assertThat(sync.exit()).as(sync.err()).isZero();
            assertThat(sync.out()).contains("raw_events: updated (1 column changes");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pipeline.firehose() == before && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(pipeline.firehose()).as("the stream restarted on the new table version").isNotSameAs(before);

            send(pipeline, 2); // new producers: version 2's simulator, which sends voltage_v
            pipeline.firehose().drain(Duration.ofSeconds(60));
            SpeedLayer speed = pipeline.speedLayer().orElseThrow();
            assertThat(speed.drain(pipeline.firehose().firehose().checkpoints(), WINDOW.plusSeconds(30))).isTrue();
            long lastMinute = Math.floorDiv(System.currentTimeMillis(), 60_000L);

            assertOldAndNewFilesReadTogether(pipeline.lakeDir().resolve("raw"));
            SpeedLayerLakeCheck.Result agreement = speed.compareWithLake(pipeline.lakeDir().resolve("raw"),
                    firstMinute - 5, lastMinute + 1, WINDOW);
            assertThat(agreement.agrees()).as(agreement.text()).isTrue();
            assertThat(agreement.text()).contains("    readings: equal (", "    temperature_max: equal (");
            assertThat(agreement.text()).contains("    events_total: equal (").doesNotContain("    events: ");

            Path v3 = copy(v2, contracts.resolve("v3"));
            Files.writeString(v3.resolve("iot-enriched.avsc"), Files.readString(v3.resolve("iot-enriched.avsc"))
                    .replace(added, ""));
            FirelakeCliTest.Run breaking = FirelakeCliTest.run("catalog", "check", "--endpoint-url", glue,
                    "--contract", v3.toString(), "--table", "raw_events");
            assertThat(breaking.out()).as(breaking.err()).contains("raw_events: breaking drift, the contract cannot "
                    + "replace the one this table holds (firelake deploy refuses it): lake column voltage_v is removed "
                    + "(files already written hold it)");
        }
    }

    private static void assertOldAndNewFilesReadTogether(Path raw) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(raw)) {
            files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            int with = 0;
            for (Path file : files) {
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM parquet_schema('" + file
                        + "') WHERE name = 'voltage_v'")) {
                    rs.next();
                    with += rs.getInt(1);
                }
            }
            assertThat(with).as("objects written after the change").isPositive();
            assertThat(files.size() - with).as("objects written before the change").isPositive();
            try (ResultSet rs = sql.executeQuery("SELECT count(DISTINCT reading_id), count(voltage_v) FROM read_parquet('"
                    + raw + "/*/*/*.parquet', hive_partitioning = true, union_by_name = true)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("every reading of both sends").isEqualTo(2L * EVENTS);
                assertThat(rs.getLong(2)).as("the new producers' voltage, null in the old files").isBetween(1L,
                        (long) EVENTS);
            }
        }
    }

    private static void send(LocalPipeline pipeline, long seed) throws InterruptedException {
        var sent = ProducerRun.builder().endpoint(pipeline.kinesisEndpoint())
                .stream(pipeline.options().settings().streamName())
                .simulate(SimulationSettings.live(seed, EVENTS).withFaults(FaultRates.none()))
                .build().run().summary();
        assertThat(sent.delivered()).isEqualTo(EVENTS);
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static void insertBefore(Path file, String anchor, String text) throws IOException {
        String content = Files.readString(file);
        assertThat(content).contains(anchor);
        Files.writeString(file, content.replaceFirst(java.util.regex.Pattern.quote(anchor),
                java.util.regex.Matcher.quoteReplacement(text + anchor)));
    }
}
