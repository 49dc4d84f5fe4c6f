package io.firelake.monitoring.accounting;

import java.util.Map;

/**
 * What the lake holds, keyed the way accounting matches: raw Parquet rows counted by event_id, error-prefix
 * documents by the sha256 of their decoded rawData, and records the delivery stream dropped on purpose by the
 * sha256 of their payload; when the delivery stream reports only how many it dropped (the local Firehose's
 * DroppedProcessing.Records metric), that count is {@code droppedUnattributed}.
 */
public record LakeInventory(Map<String, Integer> deliveredByEventId, Map<String, Integer> failedBySha256,
                            Map<String, Integer> droppedBySha256, long droppedUnattributed) {
    public LakeInventory(Map<String, Integer> deliveredByEventId, Map<String, Integer> failedBySha256,
                         Map<String, Integer> droppedBySha256) {
        this(deliveredByEventId, failedBySha256, droppedBySha256, 0);
    }

    public LakeInventory {
        deliveredByEventId = Map.copyOf(deliveredByEventId);
        failedBySha256 = Map.copyOf(failedBySha256);
        droppedBySha256 = Map.copyOf(droppedBySha256);
    }
}
