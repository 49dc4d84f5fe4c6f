package io.firelake.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Firehose against the documented Firehose behaviours, one test per rule, on real kinesalite and S3Proxy.
 * The processors are small {@code RequestStreamHandler}s that misbehave on purpose.
 */
class LocalFirehoseConformanceTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    static List<String> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"event_id\":\"e-" + i + "\",\"event_type\":\"click\",\"quantity\":" + i
                + ",\"event_date\":\"2026-11-22\",\"event_hour\":\"" + (i % 2 == 0 ? "03" : "04") + "\"}").toList();
    }

    @Test
    void theProcessorReceivesTheFirehoseEventForAKinesisSource() {
        var pipeline = engines.pipeline(1);
        var handler = new TestProcessors.Recording(r -> r);
        pipeline.put(events(3));
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
        }
        JsonNode event = handler.events.get(0);
        assertThat(event.get("invocationId").asText()).isNotBlank();
        assertThat(event.get("deliveryStreamArn").asText()).isEqualTo(pipeline.config.arn());
        assertThat(event.get("sourceKinesisStreamArn").asText()).endsWith(":stream/" + pipeline.stream);
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        JsonNode record = event.get("records").get(0);
        assertThat(new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo(events(1).get(0));
        assertThat(record.get("approximateArrivalTimestamp").asLong()).isPositive();
        JsonNode meta = record.get("kinesisRecordMetadata");
        assertThat(meta.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(meta.get("partitionKey").asText()).isEqualTo("pk-0");
        assertThat(meta.get("sequenceNumber").asText()).isNotBlank();
        assertThat(meta.get("subsequenceNumber").asLong()).isZero();
        assertThat(meta.get("approximateArrivalTimestamp").asLong()).isEqualTo(record.get("approximateArrivalTimestamp").asLong());
    }

    @Test
    void kplAggregatesAreDeaggregatedIntoOneFirehoseRecordPerUserRecord() {
        var pipeline = engines.pipeline(1);
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        for (String e : events(4)) {
            encoder.add("session-1", null, e.getBytes(StandardCharsets.UTF_8));
        }
        pipeline.putBytes(List.of(encoder.toBytes()));
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(4);
        }
        JsonNode records = handler.events.get(0).get("records");
        assertThat(records).hasSize(4);
        List<Long> subsequences = new ArrayList<>();
        records.forEach(r -> subsequences.add(r.get("kinesisRecordMetadata").get("subsequenceNumber").asLong()));
        assertThat(subsequences).containsExactly(0L, 1L, 2L, 3L);
        assertThat(TestProcessors.recordIds(handler.events.get(0))).doesNotHaveDuplicates();
    }

    @Test
    void aMissingRecordIdFailsTheWholeInvocation() {
        var pipeline = engines.pipeline(1);
        var handler = new TestProcessors.Recording(r -> {
            ((ArrayNode) r.get("records")).remove(0);
            return r;
        });
        pipeline.put(events(5));
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isZero();
        }
        assertThat(pipeline.keys("raw/")).isEmpty();
        List<JsonNode> docs = pipeline.errorDocuments("processing-failed");
        assertThat(docs).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.MissingRecordId");
            assertThat(d.get("attemptsMade").asInt()).isEqualTo(1 + ProcessorSettings.DEFAULT_RETRIES);
        });
    }

    @Test
    void anUnknownOrDuplicatedRecordIdFailsTheWholeInvocation() {
        var unknown = engines.pipeline(1);
        unknown.put(events(2));
        var renaming = new TestProcessors.Recording(r -> {
            ((ObjectNode) r.get("records").get(0)).put("recordId", "not-sent");
            return r;
        });
        try (LocalFirehose firehose = unknown.firehose(renaming.processor())) {
            firehose.drain();
        }
        assertThat(unknown.errorDocuments("processing-failed")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.MissingRecordId"));

        var duplicated = engines.pipeline(1);
        duplicated.put(events(2));
        var repeating = new TestProcessors.Recording(r -> {
            ArrayNode records = (ArrayNode) r.get("records");
            records.add(records.get(0).deepCopy());
            return r;
        });
        try (LocalFirehose firehose = duplicated.firehose(repeating.processor())) {
            firehose.drain();
        }
        assertThat(duplicated.errorDocuments("processing-failed")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.DuplicatedRecordId"));
    }

    @Test
    void aResultOutsideTheStatusModelFailsTheWholeInvocation() {
        var pipeline = engines.pipeline(1);
        pipeline.put(events(2));
        var handler = new TestProcessors.Recording(r -> {
            ((ObjectNode) r.get("records").get(1)).put("result", "Maybe");
            return r;
        });
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
        }
        assertThat(pipeline.errorDocuments("processing-failed")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.JsonProcessingException"));
    }

    @Test
    void aResponseOverSixMegabytesFailsTheWholeInvocation() {
        var pipeline = engines.pipeline(1);
        pipeline.put(events(3));
        String padding = "x".repeat(ProcessorLimits.DEFAULT_MAX_RESPONSE_BYTES);
        var handler = new TestProcessors.Recording(r -> {
            ((ObjectNode) r.get("records").get(0)).put("padding", padding);
            return r;
        });
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
        }
        assertThat(pipeline.keys("raw/")).isEmpty();
        assertThat(pipeline.errorDocuments("processing-failed")).hasSize(3)
                .allSatisfy(d -> assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.ResponseSizeExceeded"));
    }

    @Test
    void aFailedInvocationIsRetriedThenItsRecordsGoToProcessingFailed() {
        var pipeline = engines.pipeline(1);
        pipeline.put(events(2));
        AtomicInteger calls = new AtomicInteger();
        Processor alwaysFails = event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("function crashed");
        };
        try (LocalFirehose firehose = pipeline.firehose(alwaysFails)) {
            firehose.drain();
            assertThat(firehose.stats().failedInvocations()).isEqualTo(4);
        }
        assertThat(calls).hasValue(1 + ProcessorSettings.DEFAULT_RETRIES);
        assertThat(pipeline.errorDocuments("processing-failed")).hasSize(2).allSatisfy(d -> {
            assertThat(d.get("errorCode").asText()).isEqualTo("Lambda.FunctionError");
            assertThat(d.get("errorMessage").asText()).contains("function crashed");
            assertThat(d.get("attemptsMade").asInt()).isEqualTo(4);
        });

        var recovering = engines.pipeline(1);
        recovering.put(events(2));
        var handler = new TestProcessors.Recording(r -> r);
        AtomicInteger attempts = new AtomicInteger();
        Processor failsOnce = event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("throttled");
            }
            return handler.processor().invoke(event);
        };
        try (LocalFirehose firehose = recovering.firehose(failsOnce)) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(2);
        }
        assertThat(recovering.keys("errors/")).isEmpty();
    }

    @Test
    void processingFailedRecordsAreWrittenInFirehoseErrorDocumentLayout() {
        var pipeline = engines.pipeline(1);
        byte[] broken = "{not json".getBytes(StandardCharsets.UTF_8);
        pipeline.putBytes(List.of(broken, events(1).get(0).getBytes(StandardCharsets.UTF_8)));
        var handler = new TestProcessors.Recording(r -> r);
        long before = System.currentTimeMillis();
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().failedByCode()).containsEntry("Lambda.ProcessingFailed", 1L);
        }
        List<JsonNode> docs = pipeline.errorDocuments("processing-failed");
        assertThat(docs).hasSize(1);
        JsonNode doc = docs.get(0);
        assertThat(doc.fieldNames()).toIterable().containsExactly("attemptsMade", "arrivalTimestamp", "errorCode",
                "errorMessage", "attemptEndingTimestamp", "rawData", "lambdaArn");
        assertThat(doc.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(doc.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailed");
        assertThat(Base64.getDecoder().decode(doc.get("rawData").asText())).isEqualTo(broken);
        assertThat(doc.get("lambdaArn").asText()).isEqualTo(pipeline.config.lambdaArn());
        assertThat(doc.get("attemptEndingTimestamp").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(doc.get("arrivalTimestamp").asLong()).isLessThanOrEqualTo(doc.get("attemptEndingTimestamp").asLong());
    }

    @Test
    void recordsThatDoNotFitTheTableGoToFormatConversionFailedAndTheOthersAreDelivered() throws Exception {
        var pipeline = engines.pipeline(1);
        List<String> payloads = new ArrayList<>(events(3));
        payloads.add("{\"event_id\":\"bad\",\"quantity\":\"many\",\"event_date\":\"2026-11-22\",\"event_hour\":\"03\"}");
        pipeline.put(payloads);
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(3);
        }
        List<JsonNode> docs = pipeline.errorDocuments("format-conversion-failed");
        assertThat(docs).hasSize(1);
        JsonNode doc = docs.get(0);
        assertThat(doc.get("ErrorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
        assertThat(doc.get("ErrorMessage").asText()).contains("quantity");
        assertThat(new String(Base64.getDecoder().decode(doc.get("rawData").asText()), StandardCharsets.UTF_8))
                .contains("\"event_id\":\"bad\"");
        assertThat(doc.get("sequenceNumber").asText()).isNotBlank();
        assertThat(doc.get("dataCatalogTable").get("tableName").asText()).isEqualTo("raw_events");
        assertThat(countRows(pipeline)).isEqualTo(3);
    }

    @Test
    void objectsArePrefixedByLambdaPartitionKeysAndNamedByStreamAndOldestArrival() {
        var pipeline = engines.pipeline(2);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // the name has seconds
        pipeline.put(events(10));
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
        }
        List<String> keys = pipeline.keys("raw/");
        assertThat(keys).hasSize(2);
        String pattern = "raw/event_date=2026-11-22/event_hour=0[34]/firelake-delivery-1-"
                + "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.parquet";
        assertThat(keys).allMatch(k -> k.matches(pattern), pattern);
        assertThat(keys).anyMatch(k -> k.contains("event_hour=03/")).anyMatch(k -> k.contains("event_hour=04/"));
        String stamp = keys.get(0).replaceAll(".*firelake-delivery-1-(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})-.*", "$1");
        Instant named = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC).parse(stamp, Instant::from);
        assertThat(named).isBetween(before, Instant.now());
    }

    @Test
    void recordsBeyondTheActivePartitionQuotaGoToTheErrorPrefixAndTheRestAreDelivered() throws Exception {
        var pipeline = engines.pipeline(1);
        pipeline.put(events(10)); // alternating event hours 03 and 04: two partitions
        var handler = new TestProcessors.Recording(r -> r);
        pipeline.config = pipeline.config.toBuilder().activePartitions(1).build();
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(5);
            assertThat(firehose.stats().failed()).isEqualTo(5);
            assertThat(firehose.stats().pending()).isZero();
        }
        assertThat(pipeline.keys("raw/")).singleElement().asString().contains("event_hour=03/");
        List<JsonNode> docs = pipeline.errorDocuments("activePartitionExceeded");
        assertThat(docs).hasSize(5);
        assertThat(docs).allSatisfy(doc -> {
            assertThat(doc.get("errorCode").asText()).isEqualTo(ErrorDocuments.ACTIVE_PARTITIONS_LIMIT_EXCEEDED);
            assertThat(doc.get("errorMessage").asText()).contains("1 active partitions").contains("event_hour=04");
            assertThat(new String(Base64.getDecoder().decode(doc.get("rawData").asText()), StandardCharsets.UTF_8))
                    .contains("\"event_hour\":\"04\"");
        });
        assertThat(countRows(pipeline)).isEqualTo(5);
    }

    @Test
    void aWarmUpRunsTheProcessorButReadsDeliversCountsAndCheckpointsNothing() throws Exception {
        var pipeline = engines.pipeline(1);
        pipeline.put(events(4));
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            int warmed = firehose.warmUp(events(50).stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
            assertThat(warmed).isEqualTo(50);
            assertThat(handler.invocations()).isPositive();
            assertThat(firehose.stats().read()).isZero();
            assertThat(firehose.stats().invocations()).isZero();
            assertThat(firehose.checkpoints()).isEmpty();
            assertThat(pipeline.keys("")).isEmpty();
            firehose.drain();
            assertThat(firehose.stats().read()).isEqualTo(4);
            assertThat(firehose.stats().delivered()).isEqualTo(4);
        }
        assertThat(countRows(pipeline)).isEqualTo(4);
    }

    @Test
    void droppedRecordsAreCountedAndNotWritten() throws Exception {
        var pipeline = engines.pipeline(1);
        List<String> payloads = new ArrayList<>(events(2));
        payloads.add("{\"drop\":true}");
        pipeline.put(payloads);
        var handler = new TestProcessors.Recording(r -> r);
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().dropped()).isEqualTo(1);
            assertThat(firehose.stats().delivered()).isEqualTo(2);
            assertThat(firehose.stats().pending()).isZero();
        }
        assertThat(pipeline.keys("errors/")).isEmpty();
        assertThat(countRows(pipeline)).isEqualTo(2);
    }

    static long countRows(LocalEnginesFixture.Pipeline pipeline) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + pipeline.bucketDir()
                    + "/raw/*/*/*.parquet', hive_partitioning = true)")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
