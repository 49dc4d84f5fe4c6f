package io.firelake.endpoint.cloudwatch;

import java.util.Arrays;

/**
 * One metric's datapoints at one-second resolution, as CloudWatch stores a high-resolution metric: per second a
 * statistic set (sum, minimum, maximum, sample count), in time order, in flat arrays so that a day of seconds rolls
 * up into periods in a single pass.
 */
final class SecondSeries {

    private long[] seconds = new long[64];
    private double[] sum = new double[64];
    private double[] min = new double[64];
    private double[] max = new double[64];
    private double[] count = new double[64];
    private int size;
    private final String unit;

    SecondSeries(String unit) {
        this.unit = unit;
    }

    String unit() {
        return unit;
    }

    synchronized int size() {
        return size;
    }

    synchronized void add(long second, double value) {
        addSet(second, value, value, value, 1);
    }

    /** Adds a statistic set to its second: merged into the second's set, or inserted in time order. */
    synchronized void addSet(long second, double setSum, double setMin, double setMax, double setCount) {
        int at;
        if (size > 0 && seconds[size - 1] == second) {
            at = size - 1;
        } else if (size == 0 || seconds[size - 1] < second) {
            at = append(second);
        } else {
            int found = Arrays.binarySearch(seconds, 0, size, second);
            at = found >= 0 ? found : insert(-found - 1, second);
        }
        sum[at] += setSum;
        min[at] = Math.min(min[at], setMin);
        max[at] = Math.max(max[at], setMax);
        count[at] += setCount;
    }

    private int append(long second) {
        grow();
        init(size, second);
        return size++;
    }

    private int insert(int at, long second) {
        grow();
        for (double[] a : new double[][]{sum, min, max, count}) {
            System.arraycopy(a, at, a, at + 1, size - at);
        }
        System.arraycopy(seconds, at, seconds, at + 1, size - at);
        init(at, second);
        size++;
        return at;
    }

    private void init(int at, long second) {
        seconds[at] = second;
        sum[at] = 0;
        min[at] = Double.POSITIVE_INFINITY;
        max[at] = Double.NEGATIVE_INFINITY;
        count[at] = 0;
    }

    private void grow() {
        if (size == seconds.length) {
            int capacity = seconds.length * 2;
            seconds = Arrays.copyOf(seconds, capacity);
            sum = Arrays.copyOf(sum, capacity);
            min = Arrays.copyOf(min, capacity);
            max = Arrays.copyOf(max, capacity);
            count = Arrays.copyOf(count, capacity);
        }
    }

    /**
     * The statistic of each of {@code periods} periods of {@code period} seconds from {@code start} (epoch seconds),
     * NaN for a period without datapoints.
     */
    synchronized double[] rollUp(long start, int period, int periods, Statistic statistic) {
        double[] s = new double[periods];
        double[] lo = new double[periods];
        double[] hi = new double[periods];
        double[] n = new double[periods];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        long end = start + (long) period * periods;
        int found = Arrays.binarySearch(seconds, 0, size, start);
        for (int i = found >= 0 ? found : -found - 1; i < size && seconds[i] < end; i++) {
            int bucket = (int) ((seconds[i] - start) / period);
            s[bucket] += sum[i];
            lo[bucket] = Math.min(lo[bucket], min[i]);
            hi[bucket] = Math.max(hi[bucket], max[i]);
            n[bucket] += count[i];
        }
        double[] out = new double[periods];
        for (int b = 0; b < periods; b++) {
            out[b] = statistic.of(s[b], lo[b], hi[b], n[b]);
        }
        return out;
    }
}
