package io.firelake.local.endpoint;

import io.firelake.events.contract.PinnedContract;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.FirehoseRunner;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Firehose converts with its Glue table as the Glue API has it: a new version of the table (a column added
 * through UpdateTable, as `catalog sync` does) is what the next objects are written with, and nothing is lost on the way.
 */
@PinnedContract("clickstream")
class GlueTableChangeTest {

    private static final int EVENTS = 300;

    @TempDir
    Path data;

    @Test
    void aColumnAddedToTheGlueTableAppearsInTheNextParquetObjects() throws Exception {
        var options = new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1, c -> c);
        try (LocalPipeline pipeline = LocalPipeline.start(options);
             GlueClient glue = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                     .sync(GlueClient.builder(), SyncHttp.urlConnection()).build()) {
            send(pipeline, 1);
            pipeline.firehose().drain(Duration.ofSeconds(60));
            FirehoseRunner before = pipeline.firehose();

            GlueTableEdits.columns(glue, "firelake", "raw_events", existing -> {
                List<Column> columns = new ArrayList<>(existing);
                columns.add(Column.builder().name("campaign_note").type("string").build());
                return columns;
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pipeline.firehose() == before && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(pipeline.firehose()).as("the stream restarted on the new table version").isNotSameAs(before);

            send(pipeline, 2);
            pipeline.firehose().drain(Duration.ofSeconds(60));

            List<Path> files;
            try (Stream<Path> walk = Files.walk(pipeline.lakeDir().resolve("raw"))) {
                files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
            }
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
                int withColumn = 0;
                int without = 0;
                for (Path file : files) {
                    try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM parquet_schema('" + file
                            + "') WHERE name = 'campaign_note'")) {
                        rs.next();
                        if (rs.getInt(1) == 1) {
                            withColumn++;
                        } else {
                            without++;
                        }
                    }
                }
                assertThat(without).as("objects written before the change").isPositive();
                assertThat(withColumn).as("objects written after the change").isPositive();
                try (ResultSet rs = sql.executeQuery("SELECT count(DISTINCT event_id) FROM read_parquet('"
                        + pipeline.lakeDir() + "/raw/*/*/*.parquet', union_by_name = true)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("every event of both sends, old and new files read together")
                            .isEqualTo(2L * EVENTS);
                }
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
}
