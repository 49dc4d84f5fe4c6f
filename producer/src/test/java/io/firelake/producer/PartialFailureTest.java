package io.firelake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.aws.retry.Backoff;
import io.firelake.producer.send.PutPayloadUnits;
import io.firelake.producer.send.PutRecordsBatchBuilder;
import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.SenderSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Partial failures and throttling, injected by a loopback proxy between the producer and a real kinesalite: only the
 * refused entries are sent again, and the stream ends up with every record exactly once.
 */
class PartialFailureTest {

    private static Kinesalite kinesalite;
    private static KinesisClient kinesis;

    @BeforeAll
    static void start() {
        kinesalite = Kinesalite.start();
        kinesis = LocalAws.kinesis(kinesalite.endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        kinesalite.close();
    }

    private static SenderSettings fastRetries(boolean aggregation) {
        return SenderSettings.defaults().withAggregation(aggregation).withLinger(Duration.ofMillis(20))
                .withBackoff(Backoff.exponential(Duration.ofMillis(2), Duration.ofMillis(50)).withJitter(Backoff.Jitter.FULL)).withMaxAttempts(30);
    }

    private static SimulationSettings events(long count) {
        return new SimulationSettings(11, 300, count, null, null, FaultRates.none(), 0.05,
                Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void onlyRefusedEntriesAreRetriedAndNothingIsLostOrDuplicated() throws Exception {
        kinesis.createStream(b -> b.streamName("partial").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("partial"));
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(kinesalite.endpoint(), 3, 0.3, 0.15, data -> false)) {
            RecordingListener sent = new RecordingListener();
            ProducerResult result = ProducerRun.builder().endpoint(proxy.endpoint()).stream("partial")
                    .simulate(events(3000)).settings(fastRetries(false).withMaxRecordsPerRequest(100))
                    .listener(sent).build().run();

            assertThat(result.complete()).as(String.valueOf(result)).isTrue();
            assertThat(proxy.refusedEntries.get()).isPositive();
            assertThat(proxy.throttledRequests.get()).isPositive();
            // Exactly the refused entries and the entries of throttled requests were sent again: none that succeeded.
            assertThat(result.summary().retriedEntries())
                    .isEqualTo(proxy.refusedEntries.get() + proxy.throttledEntries.get());
            assertThat(result.summary().throttled()).isPositive();
            long entriesSent = proxy.putRecordsRequests.stream().mapToLong(r -> r.entries()).sum();
            assertThat(entriesSent).isEqualTo(3000 + result.summary().retriedEntries());

            Map<String, Integer> timesRead = new HashMap<>();
            for (StreamReader.ReadRecord record : StreamReader.readAll(kinesis, "partial")) {
                timesRead.merge(new String(record.data(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            assertThat(timesRead).hasSize(3000).allSatisfy((payload, times) -> assertThat(times).isEqualTo(1));
            assertThat(sent.delivered).hasSize(3000);
            assertThat(sent.delivered).anySatisfy(d -> assertThat(d.delivery().attempts()).isGreaterThan(1));
        }
    }

    @Test
    void aggregatesStayWithinTheLimitsAndSurviveRetries() throws Exception {
        kinesis.createStream(b -> b.streamName("partial-aggregated").shardCount(3));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("partial-aggregated"));
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(kinesalite.endpoint(), 5, 0.25, 0.1, data -> false)) {
            ProducerResult result = ProducerRun.builder().endpoint(proxy.endpoint()).stream("partial-aggregated")
                    .simulate(events(20_000)).settings(fastRetries(true)).build().run();

            assertThat(result.complete()).as(String.valueOf(result)).isTrue();
            assertThat(proxy.putRecordsRequests).allSatisfy(request -> {
                assertThat(request.entries()).isLessThanOrEqualTo(PutRecordsBatchBuilder.DEFAULT_MAX_RECORDS_PER_REQUEST);
                assertThat(request.bytes()).isLessThanOrEqualTo(PutRecordsBatchBuilder.DEFAULT_MAX_REQUEST_BYTES);
                assertThat(request.entryBytes()).allSatisfy(bytes ->
                        assertThat(bytes).isLessThanOrEqualTo(PutPayloadUnits.BYTES));
            });
            List<StreamReader.ReadRecord> read = StreamReader.readAll(kinesis, "partial-aggregated");
            assertThat(read).hasSize(20_000);
            assertThat(read.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).distinct().count())
                    .isEqualTo(20_000);
            assertThat(result.summary().putPayloadUnits()).isEqualTo(result.summary().kinesisRecords());
        }
    }

    @Test
    void aRecordRefusedEveryTimeIsReportedUndeliverableWithItsErrorNeverDroppedSilently() throws Exception {
        kinesis.createStream(b -> b.streamName("poisoned").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("poisoned"));
        byte[] marker = "\"event_type\":\"purchase\"".getBytes(StandardCharsets.UTF_8);
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(kinesalite.endpoint(), 7, 0, 0,
                data -> contains(data, marker))) {
            RecordingListener sent = new RecordingListener();
            ProducerResult result = ProducerRun.builder().endpoint(proxy.endpoint()).stream("poisoned")
                    .simulate(events(2000)).settings(fastRetries(false).withMaxAttempts(4)).listener(sent)
                    .build().run();

            assertThat(result.complete()).isFalse();
            long purchases = sent.failed.size();
            assertThat(purchases).isPositive();
            assertThat(result.summary().failed()).isEqualTo(purchases);
            assertThat(result.summary().delivered() + result.summary().failed()).isEqualTo(2000);
            assertThat(result.summary().failuresByCode()).containsOnlyKeys(PutRecordsErrorClassifier.THROUGHPUT_EXCEEDED);
            assertThat(sent.failed).allSatisfy(f -> {
                assertThat(f.attempts()).isEqualTo(4);
                assertThat(f.message()).contains("gave up after 4 attempts");
                assertThat(contains(f.record().data(), marker)).isTrue();
            });
            assertThat(StreamReader.readAll(kinesis, "poisoned")).hasSize((int) result.summary().delivered());
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
