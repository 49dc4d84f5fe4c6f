package io.firelake.local.firehose;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Kinesis records are fully accounted for (every user record delivered to S3, written to an error prefix or
 * dropped), so the checkpoint of a shard only ever moves past records that are safe: a crash re-reads the rest
 * (at-least-once: possible duplicates, never a loss).
 */
final class DeliveryTracker {

    /** Per shard, Kinesis sequence numbers in read order with their user records still in flight. */
    private final Map<String, LinkedHashMap<String, int[]>> inFlight = new HashMap<>();
    private final Map<String, String> checkpoints = new LinkedHashMap<>();
    private long pendingUserRecords;

    DeliveryTracker(Map<String, String> restored) {
        checkpoints.putAll(restored);
    }

    void register(String shardId, String sequenceNumber, int userRecords) {
        inFlight.computeIfAbsent(shardId, s -> new LinkedHashMap<>()).put(sequenceNumber, new int[]{userRecords});
        pendingUserRecords += userRecords;
    }

    void complete(SourceRecord record) {
        LinkedHashMap<String, int[]> shard = inFlight.get(record.shardId());
        int[] remaining = shard == null ? null : shard.get(record.sequenceNumber());
        if (remaining == null || remaining[0] <= 0) {
            throw new IllegalStateException("record " + record.recordId() + " completed twice or never registered");
        }
        remaining[0]--;
        pendingUserRecords--;
    }

    /** Moves each shard's checkpoint past its leading completed records; true when a checkpoint moved. */
    boolean advance() {
        boolean moved = false;
        for (Map.Entry<String, LinkedHashMap<String, int[]>> shard : inFlight.entrySet()) {
            Iterator<Map.Entry<String, int[]>> it = shard.getValue().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, int[]> head = it.next();
                if (head.getValue()[0] > 0) {
                    break;
                }
                checkpoints.put(shard.getKey(), head.getKey());
                it.remove();
                moved = true;
            }
        }
        return moved;
    }

    Map<String, String> checkpoints() {
        return Map.copyOf(checkpoints);
    }

    long pendingUserRecords() {
        return pendingUserRecords;
    }
}
