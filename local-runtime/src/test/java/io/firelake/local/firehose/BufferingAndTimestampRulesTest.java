package io.firelake.local.firehose;

import io.firelake.lake.format.LakeSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffering hints and the {@code !{timestamp}} rule, which need control of time: kinesalite stamps every record
 * with the current time, so these tests read from an in-memory stream whose arrival times they choose, and move a
 * clock instead of sleeping. The processor and the S3 destination (S3Proxy) are real.
 */
class BufferingAndTimestampRulesTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    @Test
    void theErrorPrefixTimestampIsTheArrivalTimeOfTheOldestRecordInTheObject() {
        var pipeline = engines.pipeline(1);
        Instant oldest = Instant.parse("2026-02-27T23:59:58.500Z");
        var source = new InMemorySource(List.of(
                record(1, oldest, "not json"),
                record(2, Instant.parse("2026-02-28T00:00:01Z"), "still not json"),
                record(3, Instant.parse("2026-03-01T10:00:00Z"), "{\"event_id\":\"ok\"}")));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (LocalFirehose firehose = firehose(pipeline, source, clock)) {
            firehose.drain();
        }
        List<String> errors = pipeline.keys("errors/");
        assertThat(errors).singleElement().satisfies(key -> assertThat(key)
                .startsWith("errors/processing-failed/2026/02/27/firelake-delivery-1-2026-02-27-23-59-58-"));
        assertThat(pipeline.keys("raw/")).singleElement().satisfies(key -> assertThat(key)
                .startsWith("raw/event_date=2026-11-22/event_hour=03/firelake-delivery-1-2026-03-01-10-00-00-"));
    }

    @Test
    void theProcessorIsInvokedWhenItsBufferReachesTheSizeHintOrTheIntervalHint() {
        var pipeline = engines.pipeline(1);
        pipeline.config = pipeline.config.toBuilder().processorBuffer(1_000, Duration.ofSeconds(60)).build();
        List<StreamSource.KinesisRecord> records = new ArrayList<>();
        Instant t = Instant.parse("2026-11-22T03:00:00Z");
        for (int i = 0; i < 20; i++) {
            records.add(record(i, t, "{\"event_id\":\"e-" + i + "\",\"pad\":\"" + "x".repeat(150) + "\"}"));
        }
        var source = new InMemorySource(records);
        var handler = new TestProcessors.Recording(r -> r);
        MutableClock clock = new MutableClock(t);
        try (LocalFirehose firehose = firehose(pipeline, source, clock, handler.processor())) {
            firehose.poll();
            int bySize = handler.invocations();
            assertThat(bySize).as("20 records of ~180 bytes against a 1,000-byte hint").isBetween(3, 5);
            handler.events.forEach(e -> assertThat(e.get("records").size()).isLessThanOrEqualTo(6));

            firehose.poll();
            assertThat(handler.invocations()).as("the rest waits for the interval").isEqualTo(bySize);
            clock.advance(Duration.ofSeconds(60));
            firehose.poll();
            assertThat(handler.invocations()).isEqualTo(bySize + 1);
            assertThat(firehose.stats().ok()).isEqualTo(20);
        }
    }

    @Test
    void objectsAreWrittenWhenTheS3BufferReachesItsSizeOrIntervalHint() {
        var pipeline = engines.pipeline(1);
        pipeline.config = pipeline.config.toBuilder().processorBuffer(1_000_000, Duration.ZERO)
                .s3Buffer(2_000, Duration.ofSeconds(300)).build();
        Instant t = Instant.parse("2026-11-22T03:00:00Z");
        List<StreamSource.KinesisRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(record(i, t, "{\"event_id\":\"e-" + i + "\",\"pad\":\"" + "y".repeat(90) + "\"}"));
        }
        var source = new InMemorySource(records);
        MutableClock clock = new MutableClock(t);
        try (LocalFirehose firehose = firehose(pipeline, source, clock)) {
            firehose.poll();
            assertThat(pipeline.keys("raw/")).as("30 records of ~120 bytes over a 2,000-byte hint: one object").hasSize(1);
            long first = firehose.stats().delivered();
            assertThat(first).isBetween(1L, 29L);

            source.add(record(100, t, "{\"event_id\":\"late\"}"));
            firehose.poll();
            assertThat(firehose.stats().delivered()).as("the rest waits for the interval").isEqualTo(first);
            clock.advance(Duration.ofSeconds(300));
            firehose.poll();
            assertThat(firehose.stats().delivered()).isEqualTo(31);
            assertThat(pipeline.keys("raw/")).hasSize(2);
            assertThat(firehose.checkpoints()).containsEntry("shardId-000000000000", "seq-100");
        }
    }

    private static LocalFirehose firehose(LocalEnginesFixture.Pipeline pipeline, StreamSource source, Clock clock) {
        return firehose(pipeline, source, clock, new TestProcessors.Recording(r -> r).processor());
    }

    private static LocalFirehose firehose(LocalEnginesFixture.Pipeline pipeline, StreamSource source, Clock clock,
                                          Processor processor) {
        var store = new io.firelake.local.firehose.aws.S3ObjectStore(engines.s3, pipeline.bucket).ensureBucket();
        var metrics = new FirehoseMetrics(pipeline.workDir.resolve("metrics.jsonl"), pipeline.config.name(), clock);
        return new LocalFirehose(pipeline.config, source, () -> processor, store,
                LakeSchema.clickstreamRaw("s3://" + pipeline.bucket + "/raw/"), pipeline.workDir, metrics, clock);
    }

    static StreamSource.KinesisRecord record(int n, Instant arrival, String payload) {
        return new StreamSource.KinesisRecord("seq-" + n, "pk-" + n, null, arrival, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** One shard whose records, and their arrival times, the test chooses. */
    static final class InMemorySource implements StreamSource {
        private final List<KinesisRecord> records;

        InMemorySource(List<KinesisRecord> records) {
            this.records = new ArrayList<>(records);
        }

        synchronized void add(KinesisRecord record) {
            records.add(record);
        }

        @Override
        public String streamArn() {
            return "arn:aws:kinesis:us-east-1:000000000000:stream/in-memory";
        }

        @Override
        public List<String> shardIds() {
            return List.of("shardId-000000000000");
        }

        @Override
        public ShardReader open(String shardId, String afterSequenceNumber) {
            AtomicLong position = new AtomicLong();
            return limit -> {
                synchronized (this) {
                    int from = (int) position.get();
                    int to = Math.min(records.size(), from + limit);
                    position.set(to);
                    return new Batch(List.copyOf(records.subList(from, to)), 0, false);
                }
            };
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
