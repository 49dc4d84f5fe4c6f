package io.firelake.local.firehose;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixRendererTest {

    static final Instant ARRIVAL = Instant.parse("2026-11-22T03:09:24.123Z");

    @Test
    void rendersTheTemplatePrefixesOfTheSamTemplate() {
        assertThat(PrefixRenderer.render(
                "raw/event_date=!{partitionKeyFromLambda:event_date}/event_hour=!{partitionKeyFromLambda:event_hour}/",
                ARRIVAL, Map.of("event_date", "2026-11-21", "event_hour", "23"), null))
                .isEqualTo("raw/event_date=2026-11-21/event_hour=23/");
        assertThat(PrefixRenderer.render(
                "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/",
                ARRIVAL, Map.of(), "format-conversion-failed"))
                .isEqualTo("errors/format-conversion-failed/2026/11/22/");
    }

    @Test
    void timestampsAreUtcJavaDateTimeFormatterPatterns() {
        assertThat(PrefixRenderer.render("!{timestamp:yyyy-MM-dd'T'HH}/", Instant.parse("2026-12-31T23:30:00Z"), Map.of(), null))
                .isEqualTo("2026-12-31T23/");
    }

    @Test
    void partitionKeysAreSubstitutedFirstAndTimestampsWhenTheObjectIsWritten() {
        String partial = PrefixRenderer.renderPartitionKeys("a=!{partitionKeyFromLambda:a}/!{timestamp:HH}/", Map.of("a", "1"));
        assertThat(partial).isEqualTo("a=1/!{timestamp:HH}/");
        assertThat(PrefixRenderer.render(partial, ARRIVAL, Map.of(), null)).isEqualTo("a=1/03/");
    }

    @Test
    void aMissingPartitionKeyOrAMisplacedErrorTypeIsRejected() {
        assertThatThrownBy(() -> PrefixRenderer.renderPartitionKeys("x=!{partitionKeyFromLambda:x}/", Map.of()))
                .isInstanceOf(PrefixRenderer.MissingPartitionKeyException.class);
        assertThatThrownBy(() -> PrefixRenderer.render("!{firehose:error-output-type}/", ARRIVAL, Map.of(), null))
                .hasMessageContaining("error prefix");
    }

    @Test
    void objectNamesFollowTheFirehosePattern() {
        assertThat(PrefixRenderer.objectName("firelake-delivery", ARRIVAL, ".parquet"))
                .matches("firelake-delivery-1-2026-11-22-03-09-24-[0-9a-f-]{36}\\.parquet");
    }
}
