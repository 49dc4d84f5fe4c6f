package io.firelake.speed;

import io.firelake.events.log.JsonLogLine;
import io.firelake.events.log.JsonLogLine.Level;
import io.firelake.speed.core.AggregateStore;
import io.firelake.speed.core.BadRecordLog;
import io.firelake.speed.core.BadRecordReason;
import io.firelake.speed.core.StateNotice;
import io.firelake.speed.core.WindowState;

import java.util.function.Consumer;

/**
 * The speed layer's log lines, one JSON object each ({@link JsonLogLine}), with the keys docs/speed-layer.md lists:
 * {@code level}, {@code msg}, {@code shard}, then what the line is about. Never a record's payload: it may hold
 * personal data; shard, sequence and subsequence number find the record again.
 */
final class SpeedLayerLog implements BadRecordLog {

    private final Consumer<String> sink;

    SpeedLayerLog(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void badRecord(String shardId, String sequenceNumber, long subSequenceNumber, BadRecordReason reason,
                          String detail) {
        boolean late = reason == BadRecordReason.OUT_OF_WINDOW_RANGE;
        sink.accept(JsonLogLine.of(late ? Level.INFO : Level.WARN)
                .put("msg", late ? "late event left to the batch layer" : "bad record skipped")
                .put("shard", shardId).put("sequence_number", sequenceNumber)
                .put("subsequence_number", subSequenceNumber).put("reason", reason.name()).put("detail", detail)
                .toJson());
    }

    void windowWritten(String shardId, String windowStart, WindowState state, AggregateStore.WriteReport report) {
        sink.accept(JsonLogLine.of(Level.INFO).put("msg", "window written").put("shard", shardId)
                .put("window_start", windowStart).put("user_records", state.userRecords())
                .put("bad_records", state.badRecords()).put("duplicates", state.duplicates())
                .put("items_written", report.written()).put("items_already_present", report.alreadyPresent())
                .toJson());
    }

    void recordFailed(String shardId, String sequenceNumber) {
        sink.accept(JsonLogLine.of(Level.ERROR).put("msg", "record failed, Lambda retries from it")
                .put("shard", shardId).put("sequence_number", sequenceNumber).toJson());
    }

    void stateNotice(String shardId, String windowStart, StateNotice notice) {
        boolean read = notice.kind() == StateNotice.Kind.OLDER_LAYOUT_READ;
        sink.accept(JsonLogLine.of(read ? Level.WARN : Level.ERROR)
                .put("msg", read ? "window state of an older layout read, its sessions sketches dropped"
                        : "window state unreadable, discarded: the window restarts from this batch")
                .put("shard", shardId).put("window_start", windowStart).put("state_key", notice.stateKey())
                .put("reason", notice.kind().name()).put("detail", notice.detail()).toJson());
    }
}
