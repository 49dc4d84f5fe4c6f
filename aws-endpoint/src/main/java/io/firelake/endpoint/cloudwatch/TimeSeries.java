package io.firelake.endpoint.cloudwatch;

import java.util.Arrays;

/** Datapoints of one result: epoch seconds in ascending order, a value for each. */
record TimeSeries(long[] times, double[] values) {

    static final TimeSeries EMPTY = new TimeSeries(new long[0], new double[0]);

    int size() {
        return times.length;
    }

    /** The periods of a grid that have a value and are kept at the grid's resolution. */
    static TimeSeries of(TimeGrid grid, double[] perPeriod) {
        long[] t = new long[perPeriod.length];
        double[] v = new double[perPeriod.length];
        int n = 0;
        for (int i = 0; i < perPeriod.length; i++) {
            long start = grid.periodStart(i);
            if (!Double.isNaN(perPeriod[i]) && start >= grid.keptFrom()) {
                t[n] = start;
                v[n++] = perPeriod[i];
            }
        }
        return new TimeSeries(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }
}
