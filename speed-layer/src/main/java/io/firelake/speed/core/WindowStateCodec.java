package io.firelake.speed.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Writes a {@link WindowState} into Lambda's tumbling-window state map (String to String) and back: a versioned binary
 * layout, deflated (sketches and repeated page prefixes compress well) and base64-encoded under one key.
 * Lambda ends a window early when the state passes 1 MB; the state stays far below by design (see
 * {@link WindowState}); the worst case is measured by a test.
 *
 * <p>Layout versions: 2 (this one, key {@link #STATE_KEY}) holds each minute's sessions as a {@link DistinctSketch}
 * image; 1 (key {@link #V1_STATE_KEY}, until the hand-written HyperLogLog was replaced) held 2,048 raw registers of a
 * sketch with another hash, which no DataSketches sketch can take in. State of layout 1, left by the deploy before,
 * is still read, its sessions sketches dropped (the counts, pages, revenue and recent event ids are kept), and said
 * so in a {@link StateNotice}; state that cannot be read at all is discarded with a notice, never thrown on: a throw
 * would hold the shard in retries and lose the window anyway.
 */
public final class WindowStateCodec {

    /** The state map key; its suffix is the layout version. */
    public static final String STATE_KEY = "firelake.window.v2";
    /** The key of layout 1, whose sketches were the hand-written HyperLogLog's registers. */
    public static final String V1_STATE_KEY = "firelake.window.v1";
    /** Lambda's documented limit for a tumbling window's state, per shard. */
    public static final int DEFAULT_MAX_STATE_BYTES = 1024 * 1024;

    private static final int VERSION = 2;
    private static final int V1_REGISTERS = 2048;

    private WindowStateCodec() {
    }

    /** What an invocation's state map held for its window: the state (null when none) and what became of it. */
    public record Restored(WindowState state, StateNotice notice) {
    }

    public static Map<String, String> toStateMap(WindowState state) {
        return Map.of(STATE_KEY, encode(state));
    }

    /** The window state in the map, or null when the map holds none (first invocation of a window) or another window's. */
    public static WindowState fromStateMap(Map<String, String> stateMap, String shardId, long windowStart,
                                           long windowEnd) {
        return restore(stateMap, shardId, windowStart, windowEnd).state();
    }

    /**
     * The window state in the map, with a notice when it was of layout 1 (read, sketches dropped) or unreadable
     * (discarded); no state when the map holds none or another window's.
     */
    public static Restored restore(Map<String, String> stateMap, String shardId, long windowStart, long windowEnd) {
        String key = STATE_KEY;
        String encoded = stateMap == null ? null : stateMap.get(STATE_KEY);
        if (encoded == null && stateMap != null && stateMap.get(V1_STATE_KEY) != null) {
            key = V1_STATE_KEY;
            encoded = stateMap.get(V1_STATE_KEY);
        }
        if (encoded == null || encoded.isEmpty()) {
            return new Restored(null, null);
        }
        WindowState state;
        try {
            state = decode(encoded, key.equals(V1_STATE_KEY) ? 1 : VERSION);
        } catch (RuntimeException e) { // corrupt bytes may fail anywhere in decoding; none may stop the shard
            return new Restored(null, new StateNotice(StateNotice.Kind.UNREADABLE_DISCARDED, key, e.getMessage()));
        }
        if (!state.shardId().equals(shardId) || state.windowStartMillis() != windowStart
                || state.windowEndMillis() != windowEnd) {
            return new Restored(null, null);
        }
        StateNotice notice = key.equals(V1_STATE_KEY) ? new StateNotice(StateNotice.Kind.OLDER_LAYOUT_READ, key,
                "layout 1's HyperLogLog registers cannot be merged into DataSketches: the sessions of the records before"
                        + " this invocation are not counted; every other figure is kept") : null;
        return new Restored(state, notice);
    }

    public static String encode(WindowState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            out.writeByte(VERSION);
            out.writeUTF(state.shardId());
            out.writeLong(state.windowStartMillis());
            out.writeLong(state.windowEndMillis());
            writeNullable(out, state.firstSequenceNumber);
            writeNullable(out, state.lastSequenceNumber);
            out.writeLong(state.kinesisRecords);
            out.writeLong(state.userRecords);
            out.writeLong(state.ignoredRecords);
            out.writeLong(state.duplicates);
            long[] recent = state.recentEventIds.toArray();
            out.writeShort(recent.length);
            java.nio.ByteBuffer ids = java.nio.ByteBuffer.allocate(recent.length * Long.BYTES);
            ids.asLongBuffer().put(recent);
            out.write(ids.array()); // one block: a DataOutputStream call per id costs more than the ids
            out.writeByte(state.badByReason.length);
            for (long count : state.badByReason) {
                out.writeLong(count);
            }
            out.writeShort(state.minutes.size());
            for (Map.Entry<Long, MinuteAggregate> entry : state.minutes.entrySet()) {
                out.writeLong(entry.getKey());
                writeMinute(out, entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    public static WindowState decode(String encoded) {
        return decode(encoded, VERSION);
    }

    private static WindowState decode(String encoded, int expectedVersion) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("window state is not base64", e);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(raw), inflater))) {
            int version = in.readUnsignedByte();
            if (version != expectedVersion) {
                throw new IllegalStateException("window state version " + version + " is not " + expectedVersion);
            }
            WindowState state = new WindowState(in.readUTF(), in.readLong(), in.readLong());
            state.firstSequenceNumber = readNullable(in);
            state.lastSequenceNumber = readNullable(in);
            state.kinesisRecords = in.readLong();
            state.userRecords = in.readLong();
            state.ignoredRecords = in.readLong();
            state.duplicates = in.readLong();
            byte[] ids = new byte[in.readUnsignedShort() * Long.BYTES];
            in.readFully(ids);
            java.nio.LongBuffer idBuffer = java.nio.ByteBuffer.wrap(ids).asLongBuffer();
            while (idBuffer.hasRemaining()) {
                state.recentEventIds.add(idBuffer.get());
            }
            int reasons = in.readUnsignedByte();
            for (int i = 0; i < reasons; i++) {
                long count = in.readLong();
                if (i < state.badByReason.length) {
                    state.badByReason[i] = count;
                }
            }
            int minutes = in.readUnsignedShort();
            for (int i = 0; i < minutes; i++) {
                long minute = in.readLong();
                state.minutes.put(minute, readMinute(in, version));
            }
            return state;
        } catch (IOException e) {
            if (e.getCause() instanceof DataFormatException || e instanceof java.io.EOFException) {
                throw new IllegalStateException("window state is corrupt", e);
            }
            throw new IllegalStateException("window state is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static void writeMinute(DataOutputStream out, MinuteAggregate minute) throws IOException {
        for (long count : minute.eventsByType) {
            out.writeLong(count);
        }
        out.writeLong(minute.purchases);
        out.writeLong(minute.itemsSold);
        out.writeByte(minute.revenueCentsByCurrency.size());
        for (Map.Entry<String, Long> revenue : minute.revenueCentsByCurrency.entrySet()) {
            out.writeUTF(revenue.getKey());
            out.writeLong(revenue.getValue());
        }
        Map<String, Long> pages = minute.pageViews.toMap();
        out.writeByte(pages.size());
        for (Map.Entry<String, Long> page : pages.entrySet()) {
            out.writeUTF(page.getKey());
            out.writeLong(page.getValue());
        }
        byte[] sessions = minute.sessions.toBytes();
        out.writeShort(sessions.length);
        out.write(sessions);
    }

    private static MinuteAggregate readMinute(DataInputStream in, int version) throws IOException {
        long[] events = new long[EventType.values().length];
        for (int i = 0; i < events.length; i++) {
            events[i] = in.readLong();
        }
        long purchases = in.readLong();
        long itemsSold = in.readLong();
        int currencies = in.readUnsignedByte();
        Map<String, Long> revenue = new java.util.LinkedHashMap<>();
        for (int i = 0; i < currencies; i++) {
            revenue.put(in.readUTF(), in.readLong());
        }
        int pageCount = in.readUnsignedByte();
        TopPages pages = new TopPages();
        for (int i = 0; i < pageCount; i++) {
            pages.add(in.readUTF(), in.readLong());
        }
        DistinctSketch sessions;
        if (version == 1) {
            in.skipNBytes(V1_REGISTERS);
            sessions = new DistinctSketch();
        } else {
            byte[] image = new byte[in.readUnsignedShort()];
            in.readFully(image);
            try {
                sessions = DistinctSketch.fromBytes(image);
            } catch (IllegalArgumentException e) {
                throw new IOException("sessions sketch: " + e.getMessage(), e);
            }
        }
        MinuteAggregate minute = new MinuteAggregate(pages, sessions);
        System.arraycopy(events, 0, minute.eventsByType, 0, events.length);
        minute.purchases = purchases;
        minute.itemsSold = itemsSold;
        minute.revenueCentsByCurrency.putAll(revenue);
        return minute;
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
