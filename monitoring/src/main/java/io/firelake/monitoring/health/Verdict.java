package io.firelake.monitoring.health;

/** Ordered by severity: the report's verdict is the worst of its findings. */
public enum Verdict {
    HEALTHY, DEGRADED, FAILING;

    public Verdict worst(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
