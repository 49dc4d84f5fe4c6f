package io.firelake.speed.core;

import java.util.List;
import java.util.Map;

/**
 * One invocation of the tumbling-window function, in plain types.
 *
 * @param shardId     the shard
 * @param windowStart window start, epoch millis (inclusive)
 * @param windowEnd   window end, epoch millis (exclusive)
 * @param state       the state map returned by the previous invocation of this window (empty at its first)
 * @param records     the batch, in shard order
 * @param finalInvoke whether this is the window's final invocation (Lambda's isFinalInvokeForWindow)
 */
public record Invocation(String shardId, long windowStart, long windowEnd, Map<String, String> state,
                         List<StreamRecord> records, boolean finalInvoke) {
}
