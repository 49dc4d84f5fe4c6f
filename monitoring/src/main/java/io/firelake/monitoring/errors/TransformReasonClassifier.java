package io.firelake.monitoring.errors;

import io.firelake.events.contract.Contracts;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.transform.validate.Validation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Recomputes a failed record's reason with the transform's own validator (pure code, no Lambda runtime), so the
 * error summary says MALFORMED_JSON or MISSING_FIELD even though Firehose's errorCode only says the Lambda rejected
 * the record. The record is judged as of its arrival, as the transform judged it.
 */
public final class TransformReasonClassifier implements ReasonClassifier {
    /** The reason given to a health-check ping, which the transform drops rather than fails. */
    public static final String HEALTH_CHECK = "HEALTH_CHECK";

    private final RecordValidator validator;

    public TransformReasonClassifier(RecordValidator validator) {
        this.validator = validator;
    }

    /** Judged by the validator of the process's contract ({@code --contract}, else {@code FIRELAKE_CONTRACT}). */
    public static TransformReasonClassifier selectedContract() {
        return new TransformReasonClassifier(RecordValidator.of(Contracts.selected(), Clock.systemUTC()));
    }

    @Override
    public Optional<String> reasonFor(byte[] rawRecord, Instant processedAt) {
        Validation validation = validator.validate(rawRecord, processedAt.toEpochMilli());
        if (validation instanceof Validation.Invalid invalid) {
            return Optional.of(invalid.failure().code().name());
        }
        if (validation instanceof Validation.HealthCheck) {
            return Optional.of(HEALTH_CHECK);
        }
        return Optional.empty();
    }
}
