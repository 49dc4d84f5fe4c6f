package io.firelake.monitoring.report;

import java.time.Duration;
import java.util.List;

/**
 * The period a chart rolls its data points up at, chosen from the span it shows: about {@value #TARGET_POINTS} points
 * at most, on a round step, never below a second. A one-minute run gets one point a second (60), an hour one every
 * 30 s (120), a day one every 15 minutes (96).
 */
public final class ChartPeriod {

    /** The most points a chart aims at: enough to see a shape, few enough to read each bar. */
    public static final int TARGET_POINTS = 120;

    static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1));

    private ChartPeriod() {
    }

    public static Duration forSpan(Duration span) {
        long wanted = Math.max(1, span.toMillis() / TARGET_POINTS);
        return STEPS.stream().filter(step -> step.toMillis() >= wanted).findFirst()
                .orElse(Duration.ofMillis(wanted));
    }
}
