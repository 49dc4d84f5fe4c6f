package io.firelake.transform.validate;

import java.util.Objects;

/**
 * Why one record failed.
 *
 * @param code    the machine-readable reason
 * @param field   the offending field, or {@code null} when the record as a whole is at fault
 * @param message a human explanation; never contains field values, which may be personal data
 */
public record Failure(ReasonCode code, String field, String message) {

    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Failure of(ReasonCode code, String message) {
        return new Failure(code, null, message);
    }

    public static Failure ofField(ReasonCode code, String field, String message) {
        return new Failure(code, field, message);
    }
}
