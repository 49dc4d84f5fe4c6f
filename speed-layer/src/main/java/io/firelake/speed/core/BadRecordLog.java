package io.firelake.speed.core;

/** Receives one call per bad record, with where it sits in the stream, so it can be found and replayed. */
@FunctionalInterface
public interface BadRecordLog {

    void badRecord(String shardId, String sequenceNumber, long subSequenceNumber, BadRecordReason reason, String detail);
}
