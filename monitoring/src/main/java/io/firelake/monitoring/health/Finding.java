package io.firelake.monitoring.health;

/** One check's outcome: which check, how bad, and a sentence an operator can act on. */
public record Finding(String check, Verdict severity, String reason) {
}
