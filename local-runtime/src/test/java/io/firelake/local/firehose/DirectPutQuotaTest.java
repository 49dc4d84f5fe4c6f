package io.firelake.local.firehose;

import io.firelake.local.firehose.directput.DirectPutQuota;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectPutQuotaTest {

    private final BufferingAndTimestampRulesTest.MutableClock clock =
            new BufferingAndTimestampRulesTest.MutableClock(Instant.parse("2026-11-22T10:00:00.100Z"));

    private static List<byte[]> records(int n, int size) {
        return Collections.nCopies(n, new byte[size]);
    }

    @Test
    void theDefaultsAreFirehoseQuotaInTheLargestRegions() {
        assertThat(DirectPutLimits.DEFAULT.recordsPerSecond()).isEqualTo(500_000);
        assertThat(DirectPutLimits.DEFAULT.requestsPerSecond()).isEqualTo(2_000);
        assertThat(DirectPutLimits.DEFAULT.bytesPerSecond()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void eachSecondTakesRecordsUpToTheRecordsQuotaThenTheNextSecondTakesMore() {
        DirectPutQuota quota = new DirectPutQuota(DirectPutLimits.DEFAULT.withQuota(100, 2_000, 1_000_000), clock);
        assertThat(quota.admit(records(60, 10))).isEqualTo(60);
        assertThat(quota.admit(records(60, 10))).as("40 left this second").isEqualTo(40);
        assertThat(quota.admit(records(1, 10))).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(quota.admit(records(60, 10))).isEqualTo(60);
    }

    @Test
    void theBytesQuotaAndTheRequestsQuotaThrottleToo() {
        DirectPutQuota bytes = new DirectPutQuota(DirectPutLimits.DEFAULT.withQuota(1_000, 2_000, 1_000), clock);
        assertThat(bytes.admit(records(5, 300))).as("900 of 1,000 bytes").isEqualTo(3);

        DirectPutQuota requests = new DirectPutQuota(DirectPutLimits.DEFAULT.withQuota(1_000, 2, 1_000_000), clock);
        assertThat(requests.admit(records(1, 1))).isEqualTo(1);
        assertThat(requests.admit(records(1, 1))).isEqualTo(1);
        assertThat(requests.admit(records(1, 1))).as("a third call in the second is throttled whole").isZero();
    }
}
