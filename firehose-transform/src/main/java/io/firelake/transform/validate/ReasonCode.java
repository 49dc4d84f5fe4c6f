package io.firelake.transform.validate;

/**
 * Why a record was not delivered to the lake. Machine-readable: logged as one JSON line per failed record and
 * recomputable from the raw bytes with {@link RecordValidator} (except the batch-level codes).
 */
public enum ReasonCode {
    /** More than 1,000 KiB of data: Firehose's own record limit, so such a record cannot be a legitimate event. */
    RECORD_TOO_LARGE,
    /** The bytes are not well-formed UTF-8 (checked strictly, before JSON parsing). */
    INVALID_UTF8,
    /** Not exactly one JSON object: syntax error, a scalar or array, duplicate keys, or trailing content. */
    MALFORMED_JSON,
    /** A required field (always, or for this event type) is absent or null. */
    MISSING_FIELD,
    /** A field has a value of the wrong type or format (uuid, decimal, timestamp, int range...). */
    WRONG_TYPE,
    /** {@code event_type} is not one of the schema's symbols. */
    UNKNOWN_EVENT_TYPE,
    /** The event time lies more than the allowed skew (1 day) after the processing time. */
    EVENT_TIME_IN_FUTURE,
    /** The event time lies before 2000-01-01T00:00:00Z, typically epoch seconds sent as milliseconds. */
    EVENT_TIME_TOO_OLD,
    /** Batch level: the enriched record did not fit in Lambda's 6 MB response; the raw record went to the error prefix. */
    RESPONSE_TOO_LARGE,
    /** Batch level: the Firehose record itself carried no decodable base64 data. */
    INVALID_ENVELOPE,
    /** A bug: an unexpected exception while transforming this record. Only this record failed. */
    INTERNAL_ERROR
}
