package io.firelake.local.firehose.directput;

import io.firelake.local.firehose.DirectPutLimits;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A Direct PUT stream's throughput quota, counted per second: each call takes one request, then its leading records
 * while the second's records and bytes stay within the quota; the records after the first that does not fit are
 * throttled, and a call over the request quota is throttled whole. Firehose does not say how it meters within a
 * second; whole seconds are what its quota and its one-minute metrics speak of.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas (Direct PUT)</a>
 */
public final class DirectPutQuota {

    private final DirectPutLimits limits;
    private final Clock clock;
    private Instant second = Instant.EPOCH;
    private long requests;
    private long records;
    private long bytes;

    public DirectPutQuota(DirectPutLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How many of the call's leading records this second's quota takes (0: the whole call is throttled). */
    public synchronized int admit(List<byte[]> data) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!now.equals(second)) {
            second = now;
            requests = 0;
            records = 0;
            bytes = 0;
        }
        if (requests >= limits.requestsPerSecond()) {
            return 0;
        }
        requests++;
        int fit = 0;
        while (fit < data.size() && records < limits.recordsPerSecond()
                && bytes + data.get(fit).length <= limits.bytesPerSecond()) {
            records++;
            bytes += data.get(fit).length;
            fit++;
        }
        return fit;
    }
}
