package io.firelake.local.eventsource;

import java.util.HashMap;
import java.util.Map;

/**
 * How far one shard got, as Lambda keeps it: the last sequence number processed (or discarded), and the open tumbling
 * window with the state the function returned; saved in the {@link CheckpointStore} after every change.
 */
final class ShardProgress {

    private final String shardId;
    private final CheckpointStore checkpoints;
    private volatile String checkpoint;
    private volatile TumblingWindow window;
    private Map<String, String> state = new HashMap<>();

    ShardProgress(String shardId, CheckpointStore checkpoints) {
        this.shardId = shardId;
        this.checkpoints = checkpoints;
        CheckpointStore.ShardCheckpoint saved = checkpoints.get(shardId);
        if (saved != null) {
            checkpoint = saved.sequenceNumber();
            if (saved.window() != null) {
                window = saved.window();
                state = new HashMap<>(saved.state());
            }
        }
    }

    String checkpoint() {
        return checkpoint;
    }

    TumblingWindow window() {
        return window;
    }

    Map<String, String> state() {
        return state;
    }

    void checkpoint(String sequenceNumber) {
        checkpoint = sequenceNumber;
    }

    void state(Map<String, String> value) {
        state = new HashMap<>(value);
    }

    /** Opens {@code value} with an empty state, or closes the window (null). */
    void window(TumblingWindow value) {
        window = value;
        state = new HashMap<>();
    }

    void save() {
        checkpoints.put(shardId, new CheckpointStore.ShardCheckpoint(checkpoint, window, Map.copyOf(state)));
    }
}
