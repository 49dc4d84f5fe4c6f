package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Writes a {@link WindowState} into Lambda's tumbling-window state map (String to String) and back: a versioned binary
 * layout, deflated (sketches and repeated keys compress well) and base64-encoded under one key.
 * Lambda ends a window early when the state passes 1 MB; the state stays far below by design (see
 * {@link WindowState}); the worst case is measured by a test.
 *
 * <p>Layout 3 (this one, key {@link #STATE_KEY}) keys everything by name: each minute's aggregates by their declared
 * name and kind, dimension values by their text, bad records by reason name. Adding an aggregate to the spec leaves
 * state written before readable (the new one starts empty); one removed is dropped and named in a
 * {@link StateNotice}, never read as another. Layouts 1 and 2 (clickstream only, counters by position) are migrated on
 * read by {@link LegacyWindowState}. State that cannot be read at all is discarded with a notice, never thrown on: a
 * throw would hold the shard in retries and lose the window anyway.
 */
public final class WindowStateCodec {

    /** The state map key; its suffix is the layout version. */
    public static final String STATE_KEY = "firelake.window.v3";
    /** Layout 2: counters by position (event types by enum ordinal), sessions as DataSketches images. */
    public static final String V2_STATE_KEY = "firelake.window.v2";
    /** Layout 1: as 2, but with the hand-written HyperLogLog's registers. */
    public static final String V1_STATE_KEY = "firelake.window.v1";
    /** Lambda's documented limit for a tumbling window's state, per shard. */
    public static final int DEFAULT_MAX_STATE_BYTES = 1024 * 1024;

    static final int VERSION = 3;

    private WindowStateCodec() {
    }

    /** What an invocation's state map held for its window: the state (null when none) and what became of it. */
    public record Restored(WindowState state, StateNotice notice) {
    }

    public static Map<String, String> toStateMap(WindowState state) {
        return Map.of(STATE_KEY, encode(state));
    }

    /** The window state in the map, or null when the map holds none (first invocation of a window) or another window's. */
    public static WindowState fromStateMap(Map<String, String> stateMap, AggregatePlan plan, String shardId,
                                           long windowStart, long windowEnd) {
        return restore(stateMap, plan, shardId, windowStart, windowEnd).state();
    }

    /**
     * The window state in the map, with a notice when it was of an older layout (migrated), held aggregates the spec
     * no longer has (dropped) or was unreadable (discarded); no state when the map holds none or another window's.
     */
    public static Restored restore(Map<String, String> stateMap, AggregatePlan plan, String shardId, long windowStart,
                                   long windowEnd) {
        String key = null;
        for (String candidate : new String[] {STATE_KEY, V2_STATE_KEY, V1_STATE_KEY}) {
            if (stateMap != null && stateMap.get(candidate) != null && !stateMap.get(candidate).isEmpty()) {
                key = candidate;
                break;
            }
        }
        if (key == null) {
            return new Restored(null, null);
        }
        int version = key.equals(STATE_KEY) ? VERSION : key.equals(V2_STATE_KEY) ? 2 : 1;
        Set<String> dropped = new TreeSet<>();
        WindowState state;
        try {
            state = decode(stateMap.get(key), plan, version, dropped);
        } catch (RuntimeException e) { // corrupt bytes may fail anywhere in decoding; none may stop the shard
            return new Restored(null, new StateNotice(StateNotice.Kind.UNREADABLE_DISCARDED, key, e.getMessage()));
        }
        if (!state.shardId().equals(shardId) || state.windowStartMillis() != windowStart
                || state.windowEndMillis() != windowEnd) {
            return new Restored(null, null);
        }
        String droppedText = dropped.isEmpty() ? "" : "; dropped, not in the spec: " + dropped;
        StateNotice notice = switch (version) {
            case 1 -> new StateNotice(StateNotice.Kind.OLDER_LAYOUT_READ, key, "layout 1 migrated to aggregates by"
                    + " name; its HyperLogLog registers cannot be merged into DataSketches: the sessions of the records"
                    + " before this invocation are not counted; every other figure is kept" + droppedText);
            case 2 -> new StateNotice(StateNotice.Kind.OLDER_LAYOUT_READ, key,
                    "layout 2 (counters by position) migrated to aggregates by name" + droppedText);
            default -> dropped.isEmpty() ? null
                    : new StateNotice(StateNotice.Kind.AGGREGATES_DROPPED, key, droppedText.substring(2));
        };
        return new Restored(state, notice);
    }

    public static String encode(WindowState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // Buffered: each primitive written straight to the deflater is a native call (every top-k entry, name, count).
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater), 8192))) {
            out.writeByte(VERSION);
            writeHeader(out, state);
            int reasons = 0;
            for (long count : state.badByReason) {
                reasons += count > 0 ? 1 : 0;
            }
            out.writeByte(reasons);
            for (BadRecordReason reason : BadRecordReason.values()) {
                if (state.badRecords(reason) > 0) {
                    out.writeUTF(reason.name());
                    out.writeLong(state.badRecords(reason));
                }
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

    public static WindowState decode(String encoded, AggregatePlan plan) {
        return decode(encoded, plan, VERSION, new TreeSet<>());
    }

    private static WindowState decode(String encoded, AggregatePlan plan, int expectedVersion, Set<String> dropped) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("window state is not base64", e);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(raw), inflater), 8192))) {
            int version = in.readUnsignedByte();
            if (version != expectedVersion) {
                throw new IllegalStateException("window state version " + version + " is not " + expectedVersion);
            }
            WindowState state = readHeader(in, plan);
            if (version < VERSION) {
                LegacyWindowState.readRest(in, state, version, dropped);
                return state;
            }
            int reasons = in.readUnsignedByte();
            for (int i = 0; i < reasons; i++) {
                String name = in.readUTF();
                long count = in.readLong();
                state.badByReason[BadRecordReason.valueOf(name).ordinal()] = count;
            }
            int minutes = in.readUnsignedShort();
            for (int i = 0; i < minutes; i++) {
                long epochMinute = in.readLong();
                MinuteAggregate minute = new MinuteAggregate(plan);
                minute.events = in.readLong();
                int cells = in.readUnsignedShort();
                for (int c = 0; c < cells; c++) {
                    readCell(in).restoreInto(minute, dropped);
                }
                state.minutes.put(epochMinute, minute);
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

    /** Everything before the bad-record counts: the same in every layout. */
    private static void writeHeader(DataOutputStream out, WindowState state) throws IOException {
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
    }

    private static WindowState readHeader(DataInputStream in, AggregatePlan plan) throws IOException {
        WindowState state = new WindowState(plan, in.readUTF(), in.readLong(), in.readLong());
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
        return state;
    }

    private static void writeMinute(DataOutputStream out, MinuteAggregate minute) throws IOException {
        out.writeLong(minute.events);
        AggregatePlan.Planned[] aggregates = minute.plan().aggregates();
        out.writeShort(aggregates.length);
        for (int i = 0; i < aggregates.length; i++) {
            out.writeUTF(aggregates[i].name());
            out.writeUTF(aggregates[i].kind().name());
            Object cell = minute.cells[i];
            if (cell instanceof DistinctSketch sketch) {
                byte[] image = sketch.toBytes();
                out.writeShort(image.length);
                out.write(image);
            } else if (cell instanceof TopK top) {
                writeEntries(out, top.toMap());
            } else {
                NumberCell numbers = (NumberCell) cell;
                out.writeBoolean(numbers.isReal());
                writeEntries(out, numbers.raw());
            }
        }
    }

    private static StoredCell readCell(DataInputStream in) throws IOException {
        String name = in.readUTF();
        Kind kind = Kind.valueOf(in.readUTF());
        if (kind == Kind.DISTINCT) {
            byte[] image = new byte[in.readUnsignedShort()];
            in.readFully(image);
            return new StoredCell(name, kind, false, Map.of(), image);
        }
        boolean real = kind != Kind.TOP_K && in.readBoolean();
        return new StoredCell(name, kind, real, readEntries(in), null);
    }

    private static void writeEntries(DataOutputStream out, Map<String, Long> entries) throws IOException {
        out.writeShort(entries.size());
        for (Map.Entry<String, Long> entry : entries.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    static Map<String, Long> readEntries(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        Map<String, Long> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put(in.readUTF(), in.readLong());
        }
        return entries;
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
