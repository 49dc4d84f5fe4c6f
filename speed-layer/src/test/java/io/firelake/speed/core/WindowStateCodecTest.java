package io.firelake.speed.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WindowStateCodecTest {

    private static final long START = Instant.parse("2026-11-22T03:09:00Z").toEpochMilli();
    private static final AggregatePlan PLAN = io.firelake.speed.ClickstreamFixtures.PLAN;
    private static final DeclaredEventReader READER = new DeclaredEventReader(PLAN);

    /** An event of the clickstream contract, read as the handler reads it. */
    static Event event(String type, long time, String session, String page, String currency, String price) {
        String json = "{\"event_id\":\"" + java.util.UUID.randomUUID() + "\",\"event_type\":\"" + type
                + "\",\"event_time\":" + time + ",\"session_id\":\"" + session + "\",\"page_url\":\"" + page + "\""
                + (currency == null ? "" : ",\"product_id\":\"p\",\"currency\":\"" + currency + "\",\"price\":" + price)
                + "}";
        return ((ParseOutcome.Parsed) READER.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).event();
    }

    static Map<String, Long> counts(MinuteAggregate minute, String aggregate) {
        return new MinuteItem(0, null, minute.events(), minute.values()).counts(aggregate);
    }

    @Test
    void aStateRoundTripsThroughTheLambdaStateMap() {
        WindowState state = new WindowState(PLAN, "shardId-000000000001", START, START + 60_000);
        state.firstSequenceNumber = "100";
        state.lastSequenceNumber = "200";
        state.kinesisRecords = 7;
        state.userRecords = 9;
        state.ignoredRecords = 1;
        state.duplicates = 2;
        state.recentEventIds.add(11);
        state.recentEventIds.add(22);
        state.countBad(BadRecordReason.WRONG_TYPE);
        long minute = START / 60_000;
        state.minute(minute).add(event("page_view", START, "s-1", "/home", null, null));
        state.minute(minute).add(event("purchase", START, "s-2", "/buy", "EUR", "19.99"));
        state.minute(minute - 1).add(event("click", START - 1, "s-3", "/home", null, null));

        Map<String, String> map = WindowStateCodec.toStateMap(state);
        WindowState back = WindowStateCodec.fromStateMap(map, PLAN, "shardId-000000000001", START, START + 60_000);

        assertThat(WindowStateCodec.encode(back)).isEqualTo(map.get(WindowStateCodec.STATE_KEY));
        assertThat(back.firstSequenceNumber()).isEqualTo("100");
        assertThat(back.lastSequenceNumber()).isEqualTo("200");
        assertThat(back.userRecords()).isEqualTo(9);
        assertThat(back.duplicates()).isEqualTo(2);
        assertThat(back.recentEventIds.toArray()).containsExactly(11, 22);
        assertThat(back.badRecords(BadRecordReason.WRONG_TYPE)).isEqualTo(1);
        assertThat(back.minutes()).containsOnlyKeys(minute - 1, minute);
        MinuteAggregate restored = back.minutes().get(minute);
        assertThat(counts(restored, "events")).isEqualTo(Map.of("page_view", 1L, "purchase", 1L));
        assertThat(new MinuteItem(minute, null, 0, restored.values()).amounts("revenue"))
                .isEqualTo(Map.of("EUR", new java.math.BigDecimal("19.99")));
        assertThat(counts(restored, "pages")).isEqualTo(Map.of("/home", 1L));
        assertThat(restored.cell("sessions")).isEqualTo(state.minutes().get(minute).cell("sessions"));
    }

    @Test
    void anotherWindowsStateIsNotReused() {
        WindowState state = new WindowState(PLAN, "shardId-000000000001", START, START + 60_000);
        Map<String, String> map = WindowStateCodec.toStateMap(state);

        assertThat(WindowStateCodec.fromStateMap(map, PLAN, "shardId-000000000001", START + 60_000, START + 120_000)).isNull();
        assertThat(WindowStateCodec.fromStateMap(Map.of(), PLAN, "shardId-000000000001", START, START + 60_000)).isNull();
    }

    /**
     * State written by the code before DataSketches (layout 1, captured from its handler after the first two fixture
     * batches of a window): read, its HyperLogLog registers dropped, every count kept, and said so.
     */
    @Test
    void stateOfLayoutOneIsReadWithoutItsSessionsSketches() {
        Map<String, String> v1 = StateFixtures.layoutOne();

        WindowStateCodec.Restored restored = WindowStateCodec.restore(v1, PLAN, "shardId-000000000000", START, START + 60_000);

        assertThat(restored.notice().kind()).isEqualTo(StateNotice.Kind.OLDER_LAYOUT_READ);
        assertThat(restored.notice().stateKey()).isEqualTo(WindowStateCodec.V1_STATE_KEY);
        WindowState state = restored.state();
        assertThat(state.kinesisRecords()).isEqualTo(10);
        assertThat(state.userRecords()).isEqualTo(10);
        assertThat(state.ignoredRecords()).isEqualTo(1);
        assertThat(state.badRecords()).isEqualTo(3);
        assertThat(state.recentEventIds.size()).isEqualTo(6);
        assertThat(state.minutes()).hasSize(2);
        assertThat(counts(state.minutes().get(START / 60_000), "events")).isEqualTo(Map.of("page_view", 3L, "purchase", 2L));
        assertThat(state.minutes().values())
                .allSatisfy(minute -> assertThat(((DistinctSketch) minute.cell("sessions")).isEmpty()).isTrue());
    }

    @Test
    void unreadableStateIsDiscardedWithANoticeNotThrown() {
        for (String garbage : new String[] {"not base64 !", "AAAA", WindowStateCodec.toStateMap(
                new WindowState(PLAN, "shardId-000000000000", START, START + 60_000)).get(WindowStateCodec.STATE_KEY)
                .substring(0, 12)}) {
            WindowStateCodec.Restored restored = WindowStateCodec.restore(Map.of(WindowStateCodec.STATE_KEY, garbage),
                    PLAN, "shardId-000000000000", START, START + 60_000);

            assertThat(restored.state()).isNull();
            assertThat(restored.notice().kind()).isEqualTo(StateNotice.Kind.UNREADABLE_DISCARDED);
        }
    }

    /**
     * The worst case the design allows: the longest window Lambda allows (900 s), every minute in range full, each with
     * the maximum of pages at maximum length, all currencies and a saturated sketch, from random (incompressible) data.
     */
    @Test
    void theWorstCaseStateStaysFarBelowLambdasOneMegabyteLimit() {
        int lateness = WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES;
        long windowMillis = 900_000;
        WindowState state = new WindowState(PLAN, "shardId-000000000001", START, START + windowMillis);
        state.firstSequenceNumber = "4".repeat(56);
        state.lastSequenceNumber = "9".repeat(56);
        Random random = new Random(42);
        int minutes = WindowState.maxMinutes(windowMillis, lateness);
        for (int i = 0; i < RecentEventIds.CAPACITY * 2; i++) {
            state.recentEventIds.add(random.nextLong());
        }
        for (int m = 0; m < minutes; m++) {
            MinuteAggregate minute = state.minute(START / 60_000 - lateness + m);
            for (int p = 0; p < PLAN.spec().aggregate("pages").k() * 3; p++) {
                minute.add(event("page_view", START, "s-" + random.nextLong(),
                        randomText(random, PLAN.spec().field("page").maxLength()), null, null));
            }
            for (int c = 0; c < PLAN.spec().aggregate("revenue").maxKeys() + 2; c++) {
                minute.add(event("purchase", START, "s-1", "/", "C" + (char) ('A' + c) + (char) ('A' + c),
                        Integer.toString(random.nextInt(1_000_000))));
            }
            for (int s = 0; s < 200_000; s++) {
                ((DistinctSketch) minute.cell("sessions")).add(random.nextLong());
            }
        }

        int size = WindowStateCodec.toStateMap(state).get(WindowStateCodec.STATE_KEY).length();

        assertThat(state.minutes()).hasSize(minutes);
        assertThat(size).isLessThan(WindowStateCodec.DEFAULT_MAX_STATE_BYTES / 2);
        System.out.printf("worst-case window state: %d minutes, %,d bytes%n", minutes, size);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder("https://");
        while (text.length() < length) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
