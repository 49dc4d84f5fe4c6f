package io.firelake.producer.model;

import java.util.Objects;

/**
 * One record to send: the exact payload bytes (a JSON object, or on purpose something that is not), its partition key,
 * and what the manifest needs to reconcile it later.
 *
 * @param data         the payload, sent byte for byte
 * @param partitionKey the Kinesis partition key (the session id for clickstream events)
 * @param kind         {@code valid}, a fault name such as {@code malformed_json}, or {@code replay}
 * @param eventId      the event id the payload carries, or null when it carries none
 */
public record ProducerRecord(byte[] data, String partitionKey, String kind, String eventId) {

    public static final String VALID = "valid";
    public static final String REPLAY = "replay";

    public ProducerRecord {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(kind, "kind");
        if (partitionKey == null || partitionKey.isEmpty()) {
            throw new IllegalArgumentException("a record needs a non-empty partition key");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProducerRecord that && java.util.Arrays.equals(data, that.data)
                && partitionKey.equals(that.partitionKey) && kind.equals(that.kind)
                && Objects.equals(eventId, that.eventId);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(data) * 31 + partitionKey.hashCode();
    }

    @Override
    public String toString() {
        return "ProducerRecord[" + kind + ", pk=" + partitionKey + ", " + data.length + " bytes]";
    }
}
