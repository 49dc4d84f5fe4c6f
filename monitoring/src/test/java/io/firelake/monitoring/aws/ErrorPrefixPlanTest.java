package io.firelake.monitoring.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPrefixPlanTest {
    private static final ErrorPrefixPlan SAM_DEFAULT = new ErrorPrefixPlan(
            "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/");

    @Test
    void aWindowAcrossMidnightListsBothDaysOfEachType() {
        Instant from = Instant.parse("2026-11-21T23:30:00Z");
        Instant to = Instant.parse("2026-11-22T00:30:00Z");

        assertThat(SAM_DEFAULT.staticHead()).isEqualTo("errors/");
        assertThat(SAM_DEFAULT.canPlan(from, to)).isTrue();
        assertThat(SAM_DEFAULT.prefixesFor("processing-failed", from, to))
                .containsExactly("errors/processing-failed/2026/11/21/", "errors/processing-failed/2026/11/22/");
    }

    @Test
    void otherExpressionsCutThePrefixAndHugeWindowsAreNotPlanned() {
        assertThat(ErrorPrefixPlan.render("/dt=!{timestamp:yyyy-MM-dd}/!{partitionKeyFromLambda:x}/h=",
                Instant.parse("2026-11-22T03:00:00Z"))).isEqualTo("/dt=2026-11-22/");
        assertThat(SAM_DEFAULT.canPlan(Instant.EPOCH, Instant.parse("2026-11-22T03:00:00Z"))).isFalse();
        assertThat(new ErrorPrefixPlan("failed/!{timestamp:yyyy}/!{firehose:error-output-type}/")
                .canPlan(Instant.EPOCH, Instant.EPOCH.plusSeconds(60))).isFalse();
    }
}
