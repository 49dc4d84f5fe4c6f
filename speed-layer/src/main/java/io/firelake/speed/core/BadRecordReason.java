package io.firelake.speed.core;

/**
 * Why a user record was counted as bad and skipped. The first six codes are the Firehose transform's codes for the
 * same faults, so the speed layer and the lake's error prefix speak of bad input in the same words.
 */
public enum BadRecordReason {
    MALFORMED_JSON,
    INVALID_UTF8,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_EVENT_TYPE,
    RECORD_TOO_LARGE,
    /** A KPL aggregate whose digest matched but whose protobuf body is corrupt: none of its user records is readable. */
    CORRUPT_AGGREGATE,
    /**
     * Event time too far before the window (later than the allowed lateness) or after it: the real-time view keeps a
     * bounded set of minutes per window; the batch layer still has the event.
     */
    OUT_OF_WINDOW_RANGE
}
