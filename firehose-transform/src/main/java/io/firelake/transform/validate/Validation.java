package io.firelake.transform.validate;

/** The outcome of validating one raw record. */
public sealed interface Validation {

    /** A valid event, with its field values converted to the schema's types. */
    record Valid(ValidEvent event) implements Validation {
    }

    /** A health-check ping ({@code {"health_check":true}}): not an event, dropped on purpose. */
    record HealthCheck() implements Validation {
    }

    /** An invalid record and the first reason found. */
    record Invalid(Failure failure) implements Validation {
    }
}
