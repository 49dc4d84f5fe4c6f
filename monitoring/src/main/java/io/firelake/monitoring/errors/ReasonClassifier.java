package io.firelake.monitoring.errors;

import java.time.Instant;
import java.util.Optional;

/**
 * Recomputes why a record failed from its raw bytes (the transform's validation is pure, so the reason is
 * reproducible without the Lambda's logs). Empty when the record is valid or no reason can be given.
 */
@FunctionalInterface
public interface ReasonClassifier {
    /**
     * @param rawRecord   the record as the producer sent it
     * @param processedAt when Firehose processed it (rules such as "event time in the future" depend on it)
     */
    Optional<String> reasonFor(byte[] rawRecord, Instant processedAt);

    /** The error document's errorCode stands. */
    static ReasonClassifier none() {
        return (raw, at) -> Optional.empty();
    }
}
