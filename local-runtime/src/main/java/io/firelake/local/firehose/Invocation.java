package io.firelake.local.firehose;

import java.time.Instant;
import java.util.List;

/** What the processor stage hands on for one invocation of the processor, in the order the invocations were made. */
sealed interface Invocation {

    /** Attempts made, the retries included. */
    int attempts();

    /** When the last attempt ended. */
    Instant ended();

    /** The processor answered for every record, within the contract. */
    record Answered(List<ProcessedRecord> records, int attempts, Instant ended) implements Invocation {
    }

    /** Every attempt failed: each record goes to {@code processing-failed} with the last attempt's error. */
    record Failed(List<SourceRecord> records, int attempts, String errorCode, String message, Instant ended)
            implements Invocation {
    }
}
