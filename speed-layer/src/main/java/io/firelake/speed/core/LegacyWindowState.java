package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Migrates window state of layouts 1 and 2, written before the aggregates were declared: the hand-coded clickstream
 * aggregates, counters by position. Their positions are frozen here (the event types in the order of the enum that
 * was, the bad-record reasons in theirs) and each becomes the aggregate of the name the clickstream spec gives it:
 * {@code events} (count by event_type), {@code purchases}, {@code items_sold}, {@code revenue} (cents by currency),
 * {@code pages} (top-k) and {@code sessions} (distinct). The only clickstream names outside its contract folder: they
 * describe state that exists in deployed shards, not the contract.
 */
final class LegacyWindowState {

    /** The event types by ordinal, as layouts 1 and 2 stored them. */
    static final List<String> EVENT_TYPES = List.of("page_view", "click", "search", "add_to_cart", "checkout", "purchase");
    /** The bad-record reasons by ordinal, as layouts 1 and 2 stored them. */
    static final List<String> REASONS = List.of("MALFORMED_JSON", "INVALID_UTF8", "MISSING_FIELD", "WRONG_TYPE",
            "UNKNOWN_EVENT_TYPE", "RECORD_TOO_LARGE", "CORRUPT_AGGREGATE", "OUT_OF_WINDOW_RANGE");
    private static final int V1_REGISTERS = 2048;

    private LegacyWindowState() {
    }

    /** Reads what follows the common header: the bad records by position, then the minutes. */
    static void readRest(DataInputStream in, WindowState state, int version, Set<String> dropped) throws IOException {
        int reasons = in.readUnsignedByte();
        for (int i = 0; i < reasons; i++) {
            long count = in.readLong();
            if (i < REASONS.size()) {
                state.badByReason[BadRecordReason.valueOf(REASONS.get(i)).ordinal()] = count;
            }
        }
        int minutes = in.readUnsignedShort();
        for (int i = 0; i < minutes; i++) {
            long epochMinute = in.readLong();
            MinuteAggregate minute = new MinuteAggregate(state.plan());
            for (StoredCell cell : readMinute(in, version, minute)) {
                cell.restoreInto(minute, dropped);
            }
            state.minutes.put(epochMinute, minute);
        }
    }

    private static List<StoredCell> readMinute(DataInputStream in, int version, MinuteAggregate minute)
            throws IOException {
        Map<String, Long> events = new LinkedHashMap<>();
        for (String type : EVENT_TYPES) {
            long count = in.readLong();
            minute.events += count;
            if (count > 0) {
                events.put(type, count);
            }
        }
        long purchases = in.readLong();
        long itemsSold = in.readLong();
        Map<String, Long> revenue = new LinkedHashMap<>();
        int currencies = in.readUnsignedByte();
        for (int i = 0; i < currencies; i++) {
            revenue.put(in.readUTF(), in.readLong());
        }
        Map<String, Long> pages = new LinkedHashMap<>();
        int pageCount = in.readUnsignedByte();
        for (int i = 0; i < pageCount; i++) {
            pages.put(in.readUTF(), in.readLong());
        }
        byte[] sessions = null;
        if (version == 1) {
            in.skipNBytes(V1_REGISTERS);
        } else {
            sessions = new byte[in.readUnsignedShort()];
            in.readFully(sessions);
        }
        return List.of(new StoredCell("events", Kind.COUNT, false, events, null),
                new StoredCell("purchases", Kind.COUNT, false, purchases > 0 ? Map.of("", purchases) : Map.of(), null),
                new StoredCell("items_sold", Kind.SUM, false, itemsSold > 0 ? Map.of("", itemsSold) : Map.of(), null),
                new StoredCell("revenue", Kind.SUM, false, revenue, null),
                new StoredCell("pages", Kind.TOP_K, false, pages, null),
                new StoredCell("sessions", Kind.DISTINCT, false, Map.of(), sessions));
    }
}
