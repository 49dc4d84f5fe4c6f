package io.firelake.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.local.engines.DynamoDbLocalServer;
import io.firelake.local.engines.LocalAws;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbAggregateStore;
import io.firelake.speed.reader.RealtimeCommand;
import io.firelake.speed.report.RealtimeReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The local event source mapping against real kinesalite (and DynamoDB Local for the speed layer's run). */
class KinesisEventSourceMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final KinesaliteExtension KINESALITE = new KinesaliteExtension();
    private static KinesisClient kinesis;

    @TempDir
    Path temp;

    @BeforeAll
    static void client() {
        kinesis = KINESALITE.kinesis();
    }

    /**
     * A recording function: fails (function error) on any batch holding "poison", reports a batch item failure the
     * first time it sees "partial", counts records in the window state, and records every final invocation.
     */
    private static final class RecordingFunction implements LambdaFunction {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<Long> finalCounts = new CopyOnWriteArrayList<>();
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final Set<String> failedOnce = Collections.synchronizedSet(new HashSet<>());

        @Override
        public String invoke(String eventJson) throws Exception {
            JsonNode event = JSON.readTree(eventJson);
            events.add(event);
            long count = event.path("state").path("count").asLong(0);
            ObjectNode response = JSON.createObjectNode();
            if (event.get("isFinalInvokeForWindow").asBoolean()) {
                finalCounts.add(count);
                response.putObject("state");
                return response.toString();
            }
            List<String> data = new ArrayList<>();
            for (JsonNode record : event.get("Records")) {
                data.add(new String(Base64.getDecoder().decode(record.at("/kinesis/data").asText()), StandardCharsets.UTF_8));
            }
            if (data.contains("poison")) {
                throw new IllegalStateException("poison in the batch");
            }
            for (int i = 0; i < data.size(); i++) {
                if (data.get(i).equals("partial") && failedOnce.add("partial")) {
                    response.putObject("state").put("count", String.valueOf(count + i));
                    response.putArray("batchItemFailures").addObject().put("itemIdentifier",
                            event.get("Records").get(i).at("/kinesis/sequenceNumber").asText());
                    delivered.addAll(data.subList(0, i));
                    return response.toString();
                }
            }
            delivered.addAll(data);
            response.putObject("state").put("count", String.valueOf(count + data.size()));
            return response.toString();
        }
    }

    @Test
    void batchesWindowsBisectionPartialFailuresAndCheckpointsBehaveAsLambdas() throws Exception {
        String stream = "semantics";
        createStream(stream, 1);
        List<String> sent = List.of("r0", "r1", "r2", "r3", "poison", "r5", "partial", "r7", "r8", "r9");
        put(stream, sent);
        RecordingFunction function = new RecordingFunction();
        List<OnFailureDestination.DiscardedBatch> discarded = new CopyOnWriteArrayList<>();
        Path checkpointFile = temp.resolve("checkpoints.json");
        EventSourceMappingConfig config = EventSourceMappingConfig.defaults(stream, "recorder")
                .withBatchSize(4).withTumblingWindow(Duration.ofSeconds(1)).withBisectBatchOnFunctionError(true)
                .withMaximumRetryAttempts(1).withPollInterval(Duration.ofMillis(50)).withCheckpointFile(checkpointFile);

        try (KinesisEventSourceMapping mapping = mapping(config, function, discarded)) {
            awaitTrue(() -> mapping.idle() && function.delivered.size() == 9);
        }

        assertThat(function.delivered).containsExactly("r0", "r1", "r2", "r3", "r5", "partial", "r7", "r8", "r9");
        assertThat(discarded).singleElement().satisfies(batch -> {
            assertThat(batch.batchSize()).isEqualTo(1);
            assertThat(batch.condition()).isEqualTo("RetryAttemptsExhausted");
            assertThat(batch.startSequenceNumber()).isEqualTo(batch.endSequenceNumber());
        });
        assertThat(function.finalCounts.stream().mapToLong(Long::longValue).sum())
                .as("the state carried through each window counts every delivered record once").isEqualTo(9);
        for (JsonNode event : function.events) {
            assertThat(event.get("Records").size()).isLessThanOrEqualTo(4);
            Instant start = Instant.parse(event.at("/window/start").asText());
            Instant end = Instant.parse(event.at("/window/end").asText());
            assertThat(Duration.between(start, end)).isEqualTo(Duration.ofSeconds(1));
            assertThat(start.toEpochMilli() % 1000).isZero();
            for (JsonNode record : event.get("Records")) {
                long arrival = (long) (record.at("/kinesis/approximateArrivalTimestamp").asDouble() * 1000);
                assertThat(arrival).isBetween(start.toEpochMilli(), end.toEpochMilli() - 1);
                assertThat(record.get("eventSourceARN").asText()).endsWith(":stream/" + stream);
            }
        }

        // a new mapping with the same checkpoint file resumes after what was processed
        put(stream, List.of("r10", "r11"));
        RecordingFunction resumed = new RecordingFunction();
        try (KinesisEventSourceMapping mapping = mapping(config, resumed, discarded)) {
            awaitTrue(() -> mapping.idle() && resumed.delivered.size() == 2);
        }
        assertThat(resumed.delivered).containsExactly("r10", "r11");
    }

    @Test
    void recordsOlderThanTheMaximumRecordAgeGoToTheOnFailureDestinationUnprocessed() throws Exception {
        String stream = "aged";
        createStream(stream, 1);
        put(stream, List.of("a", "b", "c"));
        RecordingFunction function = new RecordingFunction();
        List<OnFailureDestination.DiscardedBatch> discarded = new CopyOnWriteArrayList<>();
        EventSourceMappingConfig config = EventSourceMappingConfig.defaults(stream, "recorder")
                .withMaximumRecordAge(Duration.ofSeconds(60)).withPollInterval(Duration.ofMillis(50));
        // the mapping's clock runs two hours ahead, so the records are two hours old when read
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(2));

        try (KinesisEventSourceMapping mapping = KinesisEventSourceMapping.builder().kinesis(kinesis).config(config)
                .function(function).onFailure(discarded::add).clock(later).log(line -> { }).build().start()) {
            awaitTrue(() -> mapping.idle() && discarded.stream().mapToInt(b -> b.batchSize()).sum() == 3);
        }
        assertThat(function.events).isEmpty();
        assertThat(discarded).allSatisfy(batch -> assertThat(batch.condition()).isEqualTo("RecordAgeExceeded"));
    }

    @Test
    void drivesTheSpeedLayerHandlerThroughItsJsonContractIntoDynamoDbLocal() throws Exception {
        String stream = "speed";
        createStream(stream, 2);
        String now = Instant.now().toString();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            payloads.add(event(i % 3 == 0 ? "purchase" : "page_view", "session-" + (i % 7), now));
        }
        payloads.add("{\"event_id\":\"x\"");         // malformed
        payloads.add("{\"event_type\":\"click\"}");  // missing fields
        put(stream, payloads);
        AggregatedRecordEncoder aggregate = new AggregatedRecordEncoder();
        for (int i = 0; i < 5; i++) {
            aggregate.add("kpl-" + i, null, event("click", "kpl-session", now).getBytes(StandardCharsets.UTF_8));
        }
        kinesis.putRecord(b -> b.streamName(stream).partitionKey("kpl").data(SdkBytes.fromByteArray(aggregate.toBytes())));

        try (DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start();
             DynamoDbClient dynamo = LocalAws.dynamoDb(dynamoDbLocal.endpoint())) {
            AggregateTable.createIfMissing(dynamo, "realtime");
            SpeedLayerHandler handler = new SpeedLayerHandler(
                    new DynamoDbAggregateStore(dynamo, "realtime", Duration.ofDays(7)), 10, line -> { });
            LambdaFunction function = JavaHandlerFunction.of("speed-layer", handler,
                    KinesisTimeWindowEvent.class, TimeWindowEventResponse.class);
            EventSourceMappingConfig config = EventSourceMappingConfig.defaults(stream, "speed-layer")
                    .withBatchSize(7).withTumblingWindow(Duration.ofSeconds(1)).withPollInterval(Duration.ofMillis(50));

            try (KinesisEventSourceMapping mapping = mapping(config, function, new ArrayList<>())) {
                awaitTrue(() -> mapping.idle()
                        && mapping.stats().stream().mapToLong(s -> s.recordsDelivered()).sum() == 33);
                assertThat(mapping.stats()).hasSize(2).allSatisfy(s -> assertThat(s.functionErrors()).isZero());
            }

            RealtimeReport report = RealtimeCommand.report(dynamo, "realtime", Instant.now(), 3, 10);
            assertThat(report.rows().stream().mapToLong(RealtimeReport.MinuteRow::events).sum()).isEqualTo(35);
            assertThat(report.totals().get("purchases"))
                    .isEqualTo(new io.firelake.speed.core.AggregateValue.Amount(java.math.BigDecimal.valueOf(10)));
            assertThat(report.distinct("sessions")).isEqualTo(8);
            assertThat(report.badByReason()).isEqualTo(java.util.Map.of("MALFORMED_JSON", 1L, "MISSING_FIELD", 1L));
        }
    }

    /**
     * The real handler answering a partial failure end to end: its parser fails once on one record, the handler returns
     * that record's sequence number in {@code BatchItemFailures}, the mapping re-invokes from it, and every event is
     * counted exactly once (the records before it are not counted twice, none after it is skipped).
     */
    @Test
    void aBatchItemFailureOfTheSpeedLayerHandlerIsRetriedFromThatRecordAndNothingIsCountedTwice() throws Exception {
        String stream = "speed-partial";
        createStream(stream, 1);
        String now = Instant.now().toString();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payloads.add(event(i == 12 ? "purchase" : "page_view", "session-" + (i % 4), now));
        }
        put(stream, payloads);
        String failing = payloads.get(12);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        io.firelake.speed.core.AggregatePlan plan = new io.firelake.speed.core.AggregatePlan(
                io.firelake.speed.core.spec.SpeedLayerContracts.load("clickstream"));
        io.firelake.speed.core.DeclaredEventReader real = new io.firelake.speed.core.DeclaredEventReader(plan);
        io.firelake.speed.core.EventParser failingOnce = data -> {
            if (new String(data, StandardCharsets.UTF_8).equals(failing) && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("a transient failure on one record");
            }
            return real.parse(data);
        };
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start();
             DynamoDbClient dynamo = LocalAws.dynamoDb(dynamoDbLocal.endpoint())) {
            AggregateTable.createIfMissing(dynamo, "realtime");
            SpeedLayerHandler handler = new SpeedLayerHandler(
                    new DynamoDbAggregateStore(dynamo, "realtime", Duration.ofDays(7)), 10, log::add, plan, failingOnce);
            LambdaFunction function = JavaHandlerFunction.of("speed-layer", handler,
                    KinesisTimeWindowEvent.class, TimeWindowEventResponse.class);
            EventSourceMappingConfig config = EventSourceMappingConfig.defaults(stream, "speed-layer")
                    .withBatchSize(100).withTumblingWindow(Duration.ofSeconds(1)).withPollInterval(Duration.ofMillis(50));

            try (KinesisEventSourceMapping mapping = mapping(config, function, new ArrayList<>())) {
                awaitTrue(() -> mapping.idle() && failures.get() >= 2
                        && mapping.stats().stream().mapToLong(s -> s.recordsDelivered()).sum() == 20);
            }

            assertThat(log).filteredOn(line -> line.contains("record failed, Lambda retries from it")).hasSize(1);
            RealtimeReport report = RealtimeCommand.report(dynamo, "realtime", Instant.now(), 3, 10);
            assertThat(report.rows().stream().mapToLong(RealtimeReport.MinuteRow::events).sum()).isEqualTo(20);
            assertThat(report.totals().get("purchases"))
                    .isEqualTo(new io.firelake.speed.core.AggregateValue.Amount(java.math.BigDecimal.ONE));
        }
    }

    private static KinesisEventSourceMapping mapping(EventSourceMappingConfig config, LambdaFunction function,
                                                     List<OnFailureDestination.DiscardedBatch> discarded) {
        return KinesisEventSourceMapping.builder().kinesis(kinesis).config(config).function(function)
                .onFailure(discarded::add).log(line -> { }).build().start();
    }

    private static void createStream(String stream, int shards) {
        KINESALITE.createStream(stream, shards);
    }

    private static void put(String stream, List<String> payloads) {
        for (String payload : payloads) { // one at a time: PutRecord keeps the order within the shard
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("pk-" + payload.hashCode())
                    .data(SdkBytes.fromUtf8String(payload)));
        }
    }

    private static String event(String type, String session, String time) {
        String purchase = type.equals("purchase")
                ? ",\"product_id\":\"p-1\",\"price\":10.50,\"currency\":\"EUR\"" : "";
        return "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"" + type + "\",\"event_time\":\"" + time
                + "\",\"session_id\":\"" + session + "\",\"page_url\":\"https://shop.example/\"" + purchase + "}";
    }

    /** Polls (no fixed sleeps to pass a test): windows close about one window length after their last record. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
