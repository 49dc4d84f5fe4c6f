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
        String message = switch (notice.kind()) {
            case OLDER_LAYOUT_READ -> "window state of an older layout read and migrated to aggregates by name";
            case AGGREGATES_DROPPED -> "window state read without the aggregates the contract no longer declares";
            case UNREADABLE_DISCARDED -> "window state unreadable, discarded: the window restarts from this batch";
        };
        sink.accept(JsonLogLine.of(notice.kind() == StateNotice.Kind.UNREADABLE_DISCARDED ? Level.ERROR : Level.WARN)
                .put("msg", message)
                .put("shard", shardId).put("window_start", windowStart).put("state_key", notice.stateKey())
                .put("reason", notice.kind().name()).put("detail", notice.detail()).toJson());
    }
}
