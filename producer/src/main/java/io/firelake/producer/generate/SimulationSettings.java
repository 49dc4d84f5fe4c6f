package io.firelake.producer.generate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the clickstream simulator produces.
 *
 * @param seed       the same seed gives the same events, byte for byte (with a fixed start time or clock)
 * @param users      distinct visitors (about a third of sessions are anonymous)
 * @param events     records to produce, faults and duplicates included
 * @param startTime  null for live events stamped with the clock's time; otherwise the first simulated event time:
 *                   events are spread from there over {@code span} along the diurnal curve (history mode)
 * @param span       the simulated time history mode covers; null means up to now
 * @param faults     fault rates
 * @param botShare   share of sessions that are crawlers
 * @param clock      the clock for live event times and for "now"
 */
public record SimulationSettings(long seed, int users, long events, Instant startTime, Duration span,
                                 FaultRates faults, double botShare, Clock clock) {

    public static final int DEFAULT_USERS = 1000;
    public static final double DEFAULT_BOT_SHARE = 0.05;

    public SimulationSettings {
        if (users < 1) {
            throw new IllegalArgumentException("--users must be at least 1");
        }
        if (events < 0) {
            throw new IllegalArgumentException("--events must not be negative");
        }
        if (botShare < 0 || botShare > 1) {
            throw new IllegalArgumentException("bot share must be in [0, 1]");
        }
        if (span != null && (span.isNegative() || span.isZero())) {
            throw new IllegalArgumentException("the simulated span must be positive");
        }
        if (faults == null) {
            faults = FaultRates.none();
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    public static SimulationSettings live(long seed, long events) {
        return new SimulationSettings(seed, DEFAULT_USERS, events, null, null, FaultRates.none(), DEFAULT_BOT_SHARE,
                Clock.systemUTC());
    }

    public SimulationSettings withFaults(FaultRates newFaults) {
        return new SimulationSettings(seed, users, events, startTime, span, newFaults, botShare, clock);
    }

    public SimulationSettings withHistory(Instant start, Duration newSpan) {
        return new SimulationSettings(seed, users, events, start, newSpan, faults, botShare, clock);
    }

    public SimulationSettings withUsers(int newUsers) {
        return new SimulationSettings(seed, newUsers, events, startTime, span, faults, botShare, clock);
    }

    public SimulationSettings withClock(Clock newClock) {
        return new SimulationSettings(seed, users, events, startTime, span, faults, botShare, newClock);
    }

    public boolean history() {
        return startTime != null;
    }
}
