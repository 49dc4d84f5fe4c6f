package io.firelake.speed.core;

import io.firelake.speed.core.spec.SpeedLayerSpecs;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.firelake.speed.core.WindowStateCodecTest.counts;
import static io.firelake.speed.core.WindowStateCodecTest.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Window state is keyed by aggregate name: a spec that gains, reorders or loses aggregates still reads the state a
 * running window left (a deploy mid-window), and never reads one aggregate's figures as another's. State of the
 * ordinal layout before (layout 2) is migrated on read.
 */
class NameKeyedStateTest {

    private static final long START = Instant.parse("2026-11-22T03:09:00Z").toEpochMilli();
    private static final long MINUTE = START / 60_000;
    private static final String SHARD = "shardId-000000000000";

    @Test
    void anAggregateAddedInFrontOfTheOthersStartsEmptyAndTheOthersKeepTheirFigures() {
        String yaml = clickstreamYaml().replace("aggregates:                 # per event-time minute; the names are the DynamoDB attributes\n",
                "aggregates:\n  search_sessions: {kind: distinct, field: session_id, where: {event_type: search}}\n");
        AggregatePlan grown = plan(yaml);
        assertThat(grown.aggregates()[0].name()).isEqualTo("search_sessions");

        WindowStateCodec.Restored restored = WindowStateCodec.restore(stateOfTwoEvents(), grown, SHARD, START,
                START + 60_000);

        assertThat(restored.notice()).isNull();
        MinuteAggregate minute = restored.state().minutes().get(MINUTE);
        assertThat(counts(minute, "events")).isEqualTo(Map.of("page_view", 1L, "purchase", 1L));
        assertThat(new MinuteItem(MINUTE, null, 0, minute.values()).amounts("revenue"))
                .isEqualTo(Map.of("EUR", new java.math.BigDecimal("19.99")));
        assertThat(((DistinctSketch) minute.cell("search_sessions")).isEmpty()).isTrue();
        assertThat(((DistinctSketch) minute.cell("sessions")).estimate()).isEqualTo(2);
    }

    @Test
    void anAggregateTheSpecNoLongerDeclaresIsDroppedAndNamedNeverReadAsAnother() {
        String yaml = clickstreamYaml().replaceAll("(?m)^  pages: .*\\n", "")
                .replace("  purchases:  {kind: count, where: {event_type: purchase}}",
                        "  purchases:  {kind: sum, field: quantity, where: {event_type: purchase}}");
        AggregatePlan shrunk = plan(yaml);

        WindowStateCodec.Restored restored = WindowStateCodec.restore(stateOfTwoEvents(), shrunk, SHARD, START,
                START + 60_000);

        assertThat(restored.notice().kind()).isEqualTo(StateNotice.Kind.AGGREGATES_DROPPED);
        assertThat(restored.notice().detail()).contains("pages", "purchases");
        MinuteAggregate minute = restored.state().minutes().get(MINUTE);
        assertThat(counts(minute, "events")).isEqualTo(Map.of("page_view", 1L, "purchase", 1L));
        assertThat(new MinuteItem(MINUTE, null, 0, minute.values()).amount("purchases")).isEqualByComparingTo("0");
    }

    /**
     * State of layout 2 (counters by enum ordinal), captured from the handler before this change after the first two
     * fixture batches of a window: migrated to the aggregates by name, every figure kept, sketches included.
     */
    @Test
    void stateOfTheOrdinalLayoutIsMigratedOnRead() {
        Map<String, String> v2 = StateFixtures.layoutTwo();

        WindowStateCodec.Restored restored = WindowStateCodec.restore(v2, io.firelake.speed.ClickstreamFixtures.PLAN,
                SHARD, START, START + 60_000);

        assertThat(restored.notice().kind()).isEqualTo(StateNotice.Kind.OLDER_LAYOUT_READ);
        assertThat(restored.notice().stateKey()).isEqualTo(WindowStateCodec.V2_STATE_KEY);
        WindowState state = restored.state();
        assertThat(state.kinesisRecords()).isEqualTo(10);
        assertThat(state.ignoredRecords()).isEqualTo(1);
        assertThat(state.badRecords(BadRecordReason.MALFORMED_JSON)).isEqualTo(1);
        assertThat(state.badRecords(BadRecordReason.UNKNOWN_EVENT_TYPE)).isEqualTo(1);
        assertThat(state.badRecords(BadRecordReason.WRONG_TYPE)).isEqualTo(1);
        MinuteAggregate main = state.minutes().get(MINUTE);
        MinuteItem item = new MinuteItem(MINUTE, null, main.events(), main.values());
        assertThat(item.events()).isEqualTo(5);
        assertThat(item.counts("events")).isEqualTo(Map.of("page_view", 3L, "purchase", 2L));
        assertThat(item.counts("pages")).containsExactly(
                Map.entry("https://shop.example/home", 2L), Map.entry("https://shop.example/p/42", 1L));
        assertThat(item.amount("purchases")).isEqualByComparingTo("2");
        assertThat(item.amount("items_sold")).isEqualByComparingTo("3");
        assertThat(item.amounts("revenue")).isEqualTo(Map.of("EUR", new java.math.BigDecimal("44.99")));
        assertThat(item.sketch("sessions").estimate()).isEqualTo(3);
    }

    private static Map<String, String> stateOfTwoEvents() {
        WindowState state = new WindowState(io.firelake.speed.ClickstreamFixtures.PLAN, SHARD, START, START + 60_000);
        state.kinesisRecords = 2;
        state.minute(MINUTE).add(event("page_view", START, "s-1", "/home", null, null));
        state.minute(MINUTE).add(event("purchase", START, "s-2", "/buy", "EUR", "19.99"));
        return WindowStateCodec.toStateMap(state);
    }

    private static AggregatePlan plan(String yaml) {
        return new AggregatePlan(SpeedLayerSpecs.parse("changed/speed-layer.yaml", new StringReader(yaml)));
    }

    static String clickstreamYaml() {
        try (InputStream in = NameKeyedStateTest.class.getResourceAsStream("/firelake/contracts/clickstream/speed-layer.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
