package io.firelake.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of the local Firehose that a small run never reaches, at their real values where a test can afford them:
 * Lambda's 6 MB request payload, the function's timeout, a record without its partition key, and the 500 active
 * partitions of dynamic partitioning. Real kinesalite and S3Proxy, as in {@link LocalFirehoseConformanceTest}.
 */
class InvocationAndPartitionLimitsTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    /** Small records: at the largest processor buffer hint (3 MB), Lambda's 6 MB request limit binds first. */
    @Test
    void aBatchIsInvokedBeforeItsRequestWouldGrowPastSixMegabytes() {
        var pipeline = engines.pipeline(1);
        int records = 12_000;
        pipeline.put(IntStream.range(0, records).mapToObj(i -> "{\"event_id\":\"e-" + i + "\",\"event_type\":\"click\","
                + "\"event_date\":\"2026-11-22\",\"event_hour\":\"03\",\"pad\":\"" + "p".repeat(120) + "\"}").toList());
        pipeline.config = pipeline.config.toBuilder().processorBuffer(3L * 1024 * 1024, Duration.ofSeconds(900)).build();
        var handler = new TestProcessors.Recording(r -> r);
        List<Integer> requestBytes = new CopyOnWriteArrayList<>();
        Processor measured = event -> {
            requestBytes.add(event.length);
            return handler.processor().invoke(event);
        };
        try (LocalFirehose firehose = pipeline.firehose(measured)) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(records);
        }
        // 12,000 records of about 200 bytes are 2.4 MB, under the 3 MB hint: only the request limit splits them.
        assertThat(requestBytes).hasSizeGreaterThan(1)
                .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(ProcessorLimits.DEFAULT_MAX_REQUEST_BYTES));
        assertThat(requestBytes.get(0)).isGreaterThan(ProcessorLimits.DEFAULT_MAX_REQUEST_BYTES * 3 / 4);
        assertThat(handler.events.stream().mapToInt(e -> e.get("records").size()).sum()).isEqualTo(records);
    }

    /** A handler that never returns: each attempt is abandoned at the timeout, and the stream goes on. */
    @Test
    void anInvocationPastTheFunctionTimeoutIsRetriedThenItsRecordsGoToProcessingFailed() {
        var pipeline = engines.pipeline(1);
        pipeline.put(LocalFirehoseConformanceTest.events(3));
        pipeline.config = pipeline.config.toBuilder().processorTimeout(Duration.ofMillis(300)).build();
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean release = new AtomicBoolean();
        Processor hangs = event -> {
            calls.incrementAndGet();
            while (!release.get()) { // deaf to the interrupt, as a busy function is
                LockSupport.parkNanos(10_000_000);
            }
            return event;
        };
        long started = System.nanoTime();
        try (LocalFirehose firehose = pipeline.firehose(hangs)) {
            firehose.drain();
            assertThat(firehose.stats().failedInvocations()).isEqualTo(1 + ProcessorSettings.DEFAULT_RETRIES);
            assertThat(firehose.stats().failed()).isEqualTo(3);
            assertThat(firehose.stats().pending()).isZero();
        } finally {
            release.set(true);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(calls).hasValue(1 + ProcessorSettings.DEFAULT_RETRIES);
        assertThat(pipeline.errorDocuments("processing-failed")).hasSize(3).allSatisfy(d -> {
            assertThat(d.get("errorCode").asText()).isEqualTo(ProcessorProtocol.FUNCTION_ERROR);
            assertThat(d.get("errorMessage").asText()).contains("Task timed out after 0.30 seconds");
            assertThat(d.get("attemptsMade").asInt()).isEqualTo(1 + ProcessorSettings.DEFAULT_RETRIES);
        });
        assertThat(pipeline.keys("raw/")).isEmpty();
    }

    @Test
    void anInvocationThatTimesOutOnceIsRetriedOnAFreshHandlerAndDelivered() {
        var pipeline = engines.pipeline(1);
        pipeline.put(LocalFirehoseConformanceTest.events(4));
        pipeline.config = pipeline.config.toBuilder().processorTimeout(Duration.ofMillis(300)).build();
        var handler = new TestProcessors.Recording(r -> r);
        AtomicInteger instances = new AtomicInteger();
        AtomicBoolean release = new AtomicBoolean();
        try (LocalFirehose firehose = pipeline.firehose(() -> {
            boolean first = instances.incrementAndGet() == 1;
            return event -> {
                while (first && !release.get()) {
                    LockSupport.parkNanos(10_000_000);
                }
                return handler.processor().invoke(event);
            };
        })) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(4);
            assertThat(firehose.stats().failedInvocations()).isEqualTo(1);
        } finally {
            release.set(true);
        }
        assertThat(instances).hasValue(2);
        assertThat(pipeline.keys("errors/")).isEmpty();
    }

    @Test
    void aFunctionTimeoutOverFiveMinutesIsRefused() {
        var config = engines.pipeline(1).config;
        assertThat(config.processor().timeout()).isEqualTo(ProcessorLimits.DEFAULT_PROCESSOR_TIMEOUT);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> config.toBuilder().processorTimeout(Duration.ofMinutes(5).plusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5 minutes");
    }

    @Test
    void anOkRecordWithoutItsPartitionKeyGoesToPartitioningFailed() {
        var pipeline = engines.pipeline(1);
        pipeline.put(LocalFirehoseConformanceTest.events(4));
        var handler = new TestProcessors.Recording(r -> {
            ((ObjectNode) r.get("records").get(1).get("metadata").get("partitionKeys")).remove("event_hour");
            return r;
        });
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(3);
            assertThat(firehose.stats().failedByCode()).containsEntry(ErrorDocuments.METADATA_EXTRACTION_FAILED, 1L);
        }
        List<JsonNode> docs = pipeline.errorDocuments("partitioning-failed");
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("errorCode").asText()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
            assertThat(d.get("errorMessage").asText()).contains("event_hour");
            assertThat(d.get("attemptsMade").asInt()).isEqualTo(1);
        });
    }

    /** Without lowering the quota: 500 partitions are buffered, the 501st is refused. */
    @Test
    void theDefaultQuotaBuffersFiveHundredPartitionsAndRefusesTheNext() {
        var pipeline = engines.pipeline(1);
        assertThat(pipeline.config.activePartitions()).isEqualTo(500);
        pipeline.put(IntStream.range(0, 501).mapToObj(i -> "{\"event_id\":\"e-" + i
                + "\",\"event_date\":\"2026-11-22\",\"event_hour\":\"h" + i + "\"}").toList());
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(500);
            assertThat(firehose.stats().failedByCode())
                    .containsEntry(ErrorDocuments.ACTIVE_PARTITIONS_LIMIT_EXCEEDED, 1L);
        }
        assertThat(pipeline.keys("raw/")).hasSize(500);
        assertThat(pipeline.errorDocuments("activePartitionExceeded")).singleElement()
                .satisfies(d -> assertThat(d.get("errorMessage").asText()).contains("500 active partitions")
                        .contains("event_hour=h500/"));
    }
}
