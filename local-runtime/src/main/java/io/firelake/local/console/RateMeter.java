package io.firelake.local.console;

import java.util.HashMap;
import java.util.Map;

/** Per-second rates of growing counters, each measured over at least {@value #MIN_INTERVAL_MILLIS} ms. */
final class RateMeter {

    static final long MIN_INTERVAL_MILLIS = 900;

    private record Sample(double value, long nanos, double rate) {
    }

    private final Map<String, Sample> last = new HashMap<>();

    /** The rate of {@code counter} per second, as of its last sample at least the minimum interval ago. */
    synchronized double rate(String counter, double value, long nowNanos) {
        Sample previous = last.get(counter);
        if (previous == null) {
            last.put(counter, new Sample(value, nowNanos, 0));
            return 0;
        }
        long elapsed = nowNanos - previous.nanos();
        if (elapsed < MIN_INTERVAL_MILLIS * 1_000_000L) {
            return previous.rate();
        }
        double rate = Math.max(0, value - previous.value()) / (elapsed / 1e9);
        last.put(counter, new Sample(value, nowNanos, rate));
        return rate;
    }
}
