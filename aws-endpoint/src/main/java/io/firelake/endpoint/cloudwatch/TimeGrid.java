package io.firelake.endpoint.cloudwatch;

import java.time.Duration;
import java.time.Instant;

/**
 * The periods a query's statistics are computed over, by CloudWatch's rules: the start time rounded down (to the
 * period for 1, 5, 10 and 30 s; else to the minute, 5 minutes or the hour as the start is less than 15 days, 15 to 63
 * days or more ago), periods from it to the end time, and how far back a period's resolution is kept (a period under
 * 60 s for 3 hours, 60 s for 15 days, 300 s for 63 days, an hour for 455 days): "If the StartTime parameter specifies
 * a time stamp that is greater than 3 hours ago, you must specify the period as follows or no data points in that
 * time range is returned".
 *
 * @param start    epoch second the first period starts at (the first kept at this resolution)
 * @param period   seconds
 * @param periods  number of periods
 * @param keptFrom epoch second before which this period's resolution is no longer kept: those periods have no data
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html">MetricStat</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</a>
 */
record TimeGrid(long start, int period, int periods, long keptFrom) {

    /** High-resolution periods; any other must be a multiple of 60. */
    static final int[] HIGH_RESOLUTION_PERIODS = {1, 5, 10, 30};
    static final Duration HIGH_RESOLUTION_RETENTION = Duration.ofHours(3);
    private static final long DAY = 86_400;
    /** PutMetricData accepts datapoints up to two hours in the future; nothing is stored later than that. */
    static final Duration FUTURE = Duration.ofHours(2);

    static boolean validPeriod(int period) {
        for (int p : HIGH_RESOLUTION_PERIODS) {
            if (period == p) {
                return true;
            }
        }
        return period > 0 && period % 60 == 0;
    }

    static TimeGrid of(Instant startTime, Instant endTime, int period, Instant now) {
        long start = startTime.getEpochSecond();
        long age = now.getEpochSecond() - start;
        long rounding = period < 60 ? period : age < 15 * DAY ? 60 : age < 63 * DAY ? 300 : 3600;
        start = Math.floorDiv(start, rounding) * rounding;
        long kept = keptFrom(period, now);
        if (start < kept) {
            // Periods before the retention of this resolution have no data: they are not computed.
            start += (kept - start + period - 1) / period * period;
        }
        long end = Math.min(endTime.getEpochSecond() + (endTime.getNano() > 0 ? 1 : 0),
                now.getEpochSecond() + FUTURE.toSeconds());
        long periods = Math.max(0, (end - start + period - 1) / period);
        return new TimeGrid(start, period, (int) periods, kept);
    }

    private static long keptFrom(int period, Instant now) {
        long retention = period % 60 != 0 ? HIGH_RESOLUTION_RETENTION.toSeconds()
                : period % 300 != 0 ? 15 * DAY : period % 3600 != 0 ? 63 * DAY : 455 * DAY;
        return now.getEpochSecond() - retention;
    }

    long periodStart(int index) {
        return start + (long) index * period;
    }
}
