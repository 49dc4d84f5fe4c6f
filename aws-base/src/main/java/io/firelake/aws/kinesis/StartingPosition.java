package io.firelake.aws.kinesis;

import java.util.Objects;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where a shard reader starts: the oldest record (TRIM_HORIZON), the tip (LATEST), or just after a checkpoint.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html">GetShardIterator</a>
 */
public record StartingPosition(ShardIteratorType type, String sequenceNumber) {

    public StartingPosition {
        Objects.requireNonNull(type, "type");
        if ((type == ShardIteratorType.AFTER_SEQUENCE_NUMBER || type == ShardIteratorType.AT_SEQUENCE_NUMBER)
                != (sequenceNumber != null)) {
            throw new IllegalArgumentException(type + " and a sequence number go together");
        }
    }

    public static StartingPosition trimHorizon() {
        return new StartingPosition(ShardIteratorType.TRIM_HORIZON, null);
    }

    public static StartingPosition latest() {
        return new StartingPosition(ShardIteratorType.LATEST, null);
    }

    public static StartingPosition after(String sequenceNumber) {
        return new StartingPosition(ShardIteratorType.AFTER_SEQUENCE_NUMBER, Objects.requireNonNull(sequenceNumber));
    }

    /** Just after the checkpoint, or the oldest record without one. */
    public static StartingPosition afterOrTrimHorizon(String checkpoint) {
        return checkpoint == null ? trimHorizon() : after(checkpoint);
    }
}
