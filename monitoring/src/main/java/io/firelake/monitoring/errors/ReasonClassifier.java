package io.firelake.monitoring.errors;

import java.util.Optional;

/**
 * Recomputes why a record failed from its raw bytes (the transform's validation is pure, so the reason is
 * reproducible without the Lambda's logs). Empty when the record is valid or no reason can be given.
 */
@FunctionalInterface
public interface ReasonClassifier {
    Optional<String> reasonFor(byte[] rawRecord);

    /** For when the transform's validator is not on the class path: the error document's errorCode stands. */
    static ReasonClassifier none() {
        return raw -> Optional.empty();
    }
}
