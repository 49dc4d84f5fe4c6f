package io.firelake.speed;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowOutput;
import io.firelake.speed.core.WindowStateCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.firelake.speed.LambdaEvents.fixture;
import static io.firelake.speed.LambdaEvents.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeedLayerHandlerTest {

    private final InMemoryAggregateStore store = new InMemoryAggregateStore();
    private final List<String> logLines = new ArrayList<>();
    private final SpeedLayerHandler handler = new SpeedLayerHandler(store, 10, logLines::add);

    @Test
    void aWindowOverTwoBatchesWritesOnceAtItsFinalInvocation() {
        TimeWindowEventResponse first = roundTrip(handler.handleRequest(fixture("window-batch-1.json"), null));
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(first.getState()).containsKey(WindowStateCodec.STATE_KEY);
        assertThat(store.writes).isEmpty();

        TimeWindowEventResponse second = roundTrip(handler.handleRequest(
                fixture("window-batch-2-with-bad-records.json", first.getState()), null));
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(store.writes).isEmpty();

        TimeWindowEventResponse last = roundTrip(handler.handleRequest(fixture("window-final.json", second.getState()), null));
        assertThat(last.getBatchItemFailures()).isEmpty();
        assertThat(last.getState()).isEmpty();
        assertThat(store.writes).hasSize(1);

        WindowOutput output = store.writes.get(0);
        assertThat(output.minutes()).extracting(MinuteItem::epochMinute)
                .containsExactly(minute("2026-11-22T03:08:00Z"), minute("2026-11-22T03:09:00Z"));
        MinuteItem early = output.minutes().get(0);
        assertThat(early.counts("events")).isEqualTo(Map.of("click", 1L));
        MinuteItem main = output.minutes().get(1);
        assertThat(main.counts("events")).isEqualTo(Map.of("page_view", 3L, "purchase", 2L));
        assertThat(main.counts("pages")).containsExactly(
                Map.entry("https://shop.example/home", 2L), Map.entry("https://shop.example/p/42", 1L));
        assertThat(main.amount("purchases")).isEqualByComparingTo("2");
        assertThat(main.amount("items_sold")).isEqualByComparingTo("3");
        assertThat(main.amounts("revenue")).isEqualTo(Map.of("EUR", new java.math.BigDecimal("44.99")));
        assertThat(io.firelake.speed.core.DistinctSketch.fromBytes(main.sketch("sessions").image()).estimate()).isEqualTo(3);
        assertThat(main.sketch("sessions").estimate()).isEqualTo(3);

        assertThat(output.summary().kinesisRecords()).isEqualTo(10);
        assertThat(output.summary().userRecords()).isEqualTo(10);
        assertThat(output.summary().events()).isEqualTo(6);
        assertThat(output.summary().ignoredRecords()).isEqualTo(1);
        assertThat(output.summary().badByReason()).isEqualTo(
                Map.of("MALFORMED_JSON", 1L, "WRONG_TYPE", 1L, "UNKNOWN_EVENT_TYPE", 1L));
        assertThat(output.summary().window().firstSequenceNumber()).endsWith("0001");
        assertThat(output.summary().window().lastSequenceNumber()).endsWith("0010");
    }

    @Test
    void badRecordsAreLoggedWithShardAndSequenceNumberButNotTheirPayload() {
        handler.handleRequest(fixture("window-batch-2-with-bad-records.json"), null);

        assertThat(logLines).filteredOn(line -> line.contains("bad record skipped")).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("\"shard\":\"shardId-000000000000\"")
                        .contains("\"sequence_number\":\"49590338271490256608559692538361571095921575989136580")
                        .doesNotContain("not json"));
    }

    @Test
    void logLinesAreOneJsonObjectEachWithTheDocumentedKeys() throws Exception {
        TimeWindowEventResponse first = roundTrip(handler.handleRequest(fixture("window-batch-1.json"), null));
        handler.handleRequest(fixture("window-batch-2-with-bad-records.json", first.getState()), null);
        handler.handleRequest(fixture("window-final.json", Map.of()), null);
        handler.handleRequest(fixture("window-final.json", first.getState()), null);

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode bad = json.readTree(logLines.stream()
                .filter(line -> line.contains("bad record skipped")).findFirst().orElseThrow());
        assertThat(bad.get("level").asText()).isEqualTo("WARN");
        assertThat(bad.get("subsequence_number").isNumber()).isTrue();
        assertThat(bad.get("reason").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(bad.has("detail")).isTrue();
        com.fasterxml.jackson.databind.JsonNode written = json.readTree(logLines.get(logLines.size() - 1));
        assertThat(written.get("msg").asText()).isEqualTo("window written");
        assertThat(written.get("window_start").asText()).isEqualTo("2026-11-22T03:09:00Z");
        assertThat(written.get("user_records").asLong()).isEqualTo(5);
        assertThat(written.get("items_written").asLong()).isEqualTo(store.writes.get(0).itemCount());
        assertThat(written.get("items_already_present").asLong()).isZero();
    }

    /** State the code before DataSketches left mid-window (layout 1): read, counted, its sketches dropped, logged. */
    @Test
    void stateOfTheLayoutBeforeDataSketchesIsReadAndLoggedNeverACrash() throws Exception {
        Map<String, String> v1 = io.firelake.speed.core.StateFixtures.layoutOne();

        TimeWindowEventResponse last = roundTrip(handler.handleRequest(fixture("window-final.json", v1), null));

        assertThat(last.getBatchItemFailures()).isEmpty();
        assertThat(store.writes).hasSize(1);
        WindowOutput output = store.writes.get(0);
        assertThat(output.summary().userRecords()).isEqualTo(10);
        assertThat(output.summary().events()).isEqualTo(6);
        assertThat(output.minutes().get(1).sketch("sessions").estimate()).isZero(); // the old sketch could not be carried over
        List<String> notices = logLines.stream().filter(line -> line.contains("older layout")).toList();
        assertThat(notices).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode notice = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(notices.get(0));
        assertThat(notice.get("level").asText()).isEqualTo("WARN");
        assertThat(notice.get("shard").asText()).isEqualTo("shardId-000000000000");
        assertThat(notice.get("state_key").asText()).isEqualTo("firelake.window.v1");
        assertThat(notice.get("reason").asText()).isEqualTo("OLDER_LAYOUT_READ");
    }

    /**
     * State of the ordinal layout (2) a running window left at the deploy: migrated, and the window ends with exactly
     * the items a window run wholly by this code writes.
     */
    @Test
    void aWindowResumedFromOrdinalStateWritesWhatAWholeRunWrites() {
        TimeWindowEventResponse first = roundTrip(handler.handleRequest(fixture("window-batch-1.json"), null));
        TimeWindowEventResponse second = roundTrip(handler.handleRequest(
                fixture("window-batch-2-with-bad-records.json", first.getState()), null));
        handler.handleRequest(fixture("window-final.json", second.getState()), null);

        handler.handleRequest(fixture("window-final.json", io.firelake.speed.core.StateFixtures.layoutTwo()), null);

        assertThat(store.writes).hasSize(2);
        assertThat(store.writes.get(1)).isEqualTo(store.writes.get(0));
        assertThat(logLines).filteredOn(line -> line.contains("older layout")).singleElement().asString()
                .contains("firelake.window.v2");
    }

    @Test
    void unreadableStateIsDiscardedAndLoggedNeverACrash() {
        TimeWindowEventResponse response = handler.handleRequest(
                fixture("window-batch-1.json", Map.of(WindowStateCodec.STATE_KEY, "AAAA")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(response.getState()).containsKey(WindowStateCodec.STATE_KEY);
        assertThat(logLines).filteredOn(line -> line.contains("\"reason\":\"UNREADABLE_DISCARDED\""))
                .singleElement().asString().contains("\"level\":\"ERROR\"");
    }

    @Test
    void kplAggregatedRecordsAreDeaggregated() {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        for (int i = 0; i < 3; i++) {
            encoder.add("session-" + i, null, event("page_view", "session-" + i).getBytes(StandardCharsets.UTF_8));
        }
        KinesisTimeWindowEvent event = fixture("window-final.json");
        event.setRecords(List.of(record("1", encoder.toBytes())));

        handler.handleRequest(event, null);

        WindowOutput output = store.writes.get(0);
        assertThat(output.summary().kinesisRecords()).isEqualTo(1);
        assertThat(output.summary().userRecords()).isEqualTo(3);
        assertThat(output.minutes().get(0).counts("events")).isEqualTo(Map.of("page_view", 3L));
    }

    @Test
    void aFailedWriteFailsTheFinalInvocationSoLambdaRetriesItWithTheSameState() {
        TimeWindowEventResponse first = handler.handleRequest(fixture("window-batch-1.json"), null);
        store.failuresToThrow = 1;
        KinesisTimeWindowEvent finalInvoke = fixture("window-final.json", first.getState());

        assertThatThrownBy(() -> handler.handleRequest(finalInvoke, null)).hasMessageContaining("throttling");
        handler.handleRequest(fixture("window-final.json", first.getState()), null);

        assertThat(store.writes).hasSize(1);
        assertThat(store.writes.get(0).summary().userRecords()).isEqualTo(5);
    }

    @Test
    void anEmptyWindowWritesNothing() {
        TimeWindowEventResponse response = handler.handleRequest(fixture("window-final.json"), null);

        assertThat(response.getState()).isEmpty();
        assertThat(store.writes).isEmpty();
    }

    private static long minute(String instant) {
        return java.time.Instant.parse(instant).getEpochSecond() / 60;
    }

    static String event(String type, String session) {
        return "{\"event_id\":\"" + java.util.UUID.randomUUID() + "\",\"event_type\":\"" + type
                + "\",\"event_time\":\"2026-11-22T03:09:30Z\",\"session_id\":\"" + session
                + "\",\"page_url\":\"https://shop.example/home\"}";
    }

    static KinesisEvent.KinesisEventRecord record(String sequenceNumber, byte[] data) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey("pk");
        kinesis.setData(ByteBuffer.wrap(data));
        kinesis.setApproximateArrivalTimestamp(new java.util.Date(java.time.Instant.parse("2026-11-22T03:09:31Z").toEpochMilli()));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventID("shardId-000000000000:" + sequenceNumber);
        return record;
    }
}
