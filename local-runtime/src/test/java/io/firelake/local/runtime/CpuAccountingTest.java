package io.firelake.local.runtime;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CpuAccountingTest {

    @Test
    void threadsAreGroupedByTheComponentTheyRun() {
        assertThat(CpuAccounting.componentOf("local-firehose-firelake-delivery")).isEqualTo(CpuAccounting.FIREHOSE);
        assertThat(CpuAccounting.componentOf("local-firehose-invoke-2")).isEqualTo(CpuAccounting.FIREHOSE);
        assertThat(CpuAccounting.componentOf("prefetch-shardId-000000000001")).isEqualTo(CpuAccounting.FIREHOSE);
        assertThat(CpuAccounting.componentOf("esm-firelake-speed-layer-shardId-000000000000")).isEqualTo(CpuAccounting.SPEED_LAYER);
        assertThat(CpuAccounting.componentOf("firelake-producer-linger")).isEqualTo(CpuAccounting.PRODUCER);
        assertThat(CpuAccounting.componentOf("S3Proxy-Jetty-21")).isEqualTo(CpuAccounting.S3PROXY);
        assertThat(CpuAccounting.componentOf("qtp1234-17")).isEqualTo(CpuAccounting.OTHER_THREADS);
        assertThat(CpuAccounting.componentOf(null)).isEqualTo(CpuAccounting.OTHER_THREADS);
    }

    @Test
    void aThreadThatEndsBeforeTheReportStillCounts() throws InterruptedException {
        try (CpuAccounting accounting = new CpuAccounting(Duration.ofMillis(50))) {
            Thread busy = new Thread(() -> {
                var threads = ManagementFactory.getThreadMXBean();
                long x = 0;
                while (threads.getCurrentThreadCpuTime() < 1_200_000_000L) {
                    x += Long.numberOfTrailingZeros(x + System.nanoTime());
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "local-firehose-invoke-test");
            busy.start();
            busy.join();
            Thread.sleep(200); // the thread is gone: only the samples taken while it ran know its CPU
            Map<String, Double> seconds = accounting.shares().stream()
                    .collect(Collectors.toMap(CpuAccounting.Share::component, CpuAccounting.Share::seconds));
            // It spun for 1.2 s of its own CPU; sampled every 50 ms, all but its last 50 ms are on record.
            assertThat(seconds.get(CpuAccounting.FIREHOSE)).isGreaterThan(1.0);
            assertThat(accounting.describe()).contains("local Firehose");
            assertThat(accounting.byThreadGroup()).containsKey("local-firehose-invoke-test")
                    .hasEntrySatisfying("local-firehose-invoke-test", spent -> assertThat(spent).isGreaterThan(1.0));
            List<CpuAccounting.Share> shares = accounting.shares();
            assertThat(shares).isSortedAccordingTo((a, b) -> Double.compare(b.seconds(), a.seconds()));
        }
    }
}
