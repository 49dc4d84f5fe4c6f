package io.firelake.producer.generate;

/**
 * Relative traffic by hour of day (UTC): lowest at 04:00 (15% of the peak), highest at 16:00, smooth in between.
 */
public final class DiurnalCurve {

    static final double FLOOR = 0.15;
    static final int TROUGH_HOUR = 4;

    private DiurnalCurve() {
    }

    /** Weight in (0, 1] at a fractional hour of day. */
    public static double weight(double hourOfDay) {
        double phase = 2 * Math.PI * (hourOfDay - TROUGH_HOUR) / 24.0;
        return FLOOR + (1 - FLOOR) * (1 - Math.cos(phase)) / 2;
    }

    /** The average weight over a day. */
    public static double mean() {
        return FLOOR + (1 - FLOOR) / 2;
    }
}
