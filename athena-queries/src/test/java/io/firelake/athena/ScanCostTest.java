package io.firelake.athena;

import io.firelake.athena.report.ScanCost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Athena bills for a query's scan. The Athena path itself (StartQueryExecution, polling, result pages) runs against
 * the local endpoint's Athena in local-runtime's {@code ReportsThroughAthenaEndpointTest}.
 */
class ScanCostTest {

    @Test
    void athenaBillsAtLeastTenMegabytesRoundedUpToWholeMegabytes() {
        assertThat(ScanCost.of(0).bytesBilled()).isEqualTo(10L << 20);
        assertThat(ScanCost.of((10L << 20) + 1).bytesBilled()).isEqualTo(11L << 20);
        assertThat(ScanCost.of(1L << 40).dollars()).isEqualTo(5.0);
        assertThat(ScanCost.of(50L << 20).dollars()).isEqualTo(50.0 / (1 << 20) * 5.0);
    }
}
