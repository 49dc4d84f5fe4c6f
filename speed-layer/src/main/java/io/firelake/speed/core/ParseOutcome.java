package io.firelake.speed.core;

/** What parsing one user record gave: an event, a bad record with its reason, or a record to ignore on purpose. */
public sealed interface ParseOutcome {

    record Parsed(Event event) implements ParseOutcome {
    }

    /** A bad record; {@code detail} says what was wrong in a few words (never the payload: it may hold PII). */
    record Rejected(BadRecordReason reason, String detail) implements ParseOutcome {
    }

    /** Not an event and not an error: the Firehose health-check ping ({@code {"health_check":true}}). */
    record Ignored() implements ParseOutcome {
    }
}
