package io.firelake.transform.core;

import java.util.Objects;

/**
 * One record of a Firehose transformation request, decoded: what the pure core needs and nothing of Lambda's types.
 *
 * @param recordId                    Firehose's id, echoed exactly once in the response
 * @param data                        the record bytes (base64-decoded); {@code null} when the envelope carried none
 * @param approximateArrivalTimestamp when Firehose received it (epoch ms), or {@code null}
 * @param kinesis                     the Kinesis source coordinates, or {@code null} for Direct PUT
 */
public record InputRecord(String recordId, byte[] data, Long approximateArrivalTimestamp, KinesisMetadata kinesis) {

    public InputRecord {
        Objects.requireNonNull(recordId, "recordId");
    }

    /** A Direct PUT record. */
    public static InputRecord of(String recordId, byte[] data) {
        return new InputRecord(recordId, data, null, null);
    }

    /** When the record entered AWS: Kinesis's arrival time if known, else Firehose's. */
    public Long receivedMillis() {
        if (kinesis != null && kinesis.approximateArrivalTimestamp() != null) {
            return kinesis.approximateArrivalTimestamp();
        }
        return approximateArrivalTimestamp;
    }
}
