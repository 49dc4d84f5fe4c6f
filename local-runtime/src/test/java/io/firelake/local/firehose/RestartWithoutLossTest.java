package io.firelake.local.firehose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At-least-once: a delivery stream stopped mid-stream, or killed between an S3 write and its checkpoint, loses nothing. */
class RestartWithoutLossTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    static List<String> events(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"event_id\":\"e-" + i + "\",\"event_type\":\"click\","
                + "\"event_date\":\"2026-11-22\",\"event_hour\":\"" + String.format("%02d", i % 3) + "\"}").toList();
    }

    /** Small buffers, so that objects and checkpoints happen many times in a short stream. */
    static LocalEnginesFixture.Pipeline smallBuffers(LocalEnginesFixture.Pipeline pipeline) {
        pipeline.config = pipeline.config.toBuilder().processorBuffer(2_000, Duration.ofSeconds(60))
                .s3Buffer(3_000, Duration.ofSeconds(300)).build();
        return pipeline;
    }

    @Test
    void aRestartResumesFromTheCheckpointAndEveryEventIsDelivered() throws Exception {
        var pipeline = smallBuffers(engines.pipeline(2));
        pipeline.put(events(0, 400));
        var handler = new TestProcessors.Recording(r -> r);
        long readBeforeStop;
        DeliveryStreamConfig unlimited = pipeline.config;
        pipeline.config = unlimited.toBuilder().readLimit(60).build();
        try (LocalFirehose first = pipeline.firehose(handler.processor())) {
            first.poll();
            first.poll();
            readBeforeStop = first.stats().read();
            assertThat(first.checkpoints()).as("objects were written and checkpointed").isNotEmpty();
            assertThat(first.stats().pending()).as("some records are buffered, not delivered").isPositive();
        }
        pipeline.put(events(400, 600));
        pipeline.config = unlimited;
        try (LocalFirehose second = pipeline.firehose(handler.processor())) {
            second.drain();
            assertThat(second.stats().read()).as("resumed, not re-read from the start").isLessThan(600);
            assertThat(second.stats().read() + readBeforeStop).isGreaterThanOrEqualTo(600);
        }
        // Objects written past the checkpoint (other partitions' buffers) are read and written again: duplicates.
        assertThat(new HashSet<>(deliveredIds(pipeline))).containsExactlyInAnyOrderElementsOf(ids(0, 600));
    }

    @Test
    void aCrashBetweenAnS3WriteAndItsCheckpointDuplicatesButNeverLoses() throws Exception {
        var pipeline = smallBuffers(engines.pipeline(1));
        pipeline.put(events(0, 300));
        var handler = new TestProcessors.Recording(r -> r);
        AtomicInteger puts = new AtomicInteger();
        LocalFirehose crashing = pipeline.firehose(handler.processor(), store -> intercepted(store, (key, body, type) -> {
            store.put(key, body, type);
            if (puts.incrementAndGet() == 3) {
                throw new Error("process killed right after the third PutObject");
            }
        }));
        assertThatThrownBy(crashing::drain).hasMessageContaining("killed");
        crashing.close();
        try (LocalFirehose restarted = pipeline.firehose(handler.processor())) {
            restarted.drain();
        }
        List<String> delivered = deliveredIds(pipeline);
        assertThat(new HashSet<>(delivered)).containsExactlyInAnyOrderElementsOf(ids(0, 300));
        assertThat(delivered.size()).as("the third object's records were delivered twice").isGreaterThan(300);
    }

    @Test
    void aPutObjectFailingFiveTimesStopsTheStreamWithoutMovingItsCheckpoint() throws Exception {
        var pipeline = engines.pipeline(1);
        int attemptsAllowed = 5; // the first and 4 retries, 10 ms apart, within a 40 ms retry duration
        pipeline.config = pipeline.config.toBuilder().s3Retry(new S3Retry(Duration.ofMillis(10), Duration.ofMillis(40),
                S3Retry.DEFAULT_FRESHNESS_PERIOD)).build();
        pipeline.put(events(0, 20));
        var handler = new TestProcessors.Recording(r -> r);
        AtomicInteger attempts = new AtomicInteger();
        LocalFirehose failing = pipeline.firehose(handler.processor(), store -> intercepted(store, (key, body, type) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("S3 is down");
        }));
        assertThatThrownBy(failing::drain).hasMessageContaining("after " + attemptsAllowed + " attempts")
                .hasMessageContaining("S3 is down");
        assertThat(attempts).hasValue(attemptsAllowed);
        assertThat(failing.checkpoints()).isEmpty();
        failing.close();
        try (LocalFirehose restarted = pipeline.firehose(handler.processor())) {
            restarted.drain();
        }
        assertThat(new HashSet<>(deliveredIds(pipeline))).containsExactlyInAnyOrderElementsOf(ids(0, 20));
    }

    /** A PutObject as a test wants it: through to the store, failed, or both. */
    interface Put {
        void put(String key, Path body, String contentType);
    }

    /** {@code store}'s bucket, with every PutObject going to {@code put}. */
    static ObjectStore intercepted(ObjectStore store, Put put) {
        return new ObjectStore() {
            @Override
            public void put(String key, Path body, String contentType) {
                put.put(key, body, contentType);
            }

            @Override
            public String bucket() {
                return store.bucket();
            }
        };
    }

    static Set<String> ids(int from, int to) {
        Set<String> ids = new HashSet<>();
        IntStream.range(from, to).forEach(i -> ids.add("e-" + i));
        return ids;
    }

    static List<String> deliveredIds(LocalEnginesFixture.Pipeline pipeline) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT event_id FROM read_parquet('" + pipeline.bucketDir()
                     + "/raw/*/*/*.parquet', hive_partitioning = true)")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }
}
