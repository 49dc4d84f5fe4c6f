package io.firelake.monitoring.health;

import java.time.Instant;
import java.util.List;

/** The verdict (the worst finding) and every finding that is not healthy, plus the healthy ones for context. */
public record HealthReport(Verdict verdict, List<Finding> findings, Instant evaluatedAt) {
    public HealthReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> problems() {
        return findings.stream().filter(f -> f.severity() != Verdict.HEALTHY).toList();
    }
}
