package io.firelake.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "90s, PT1M30S", "15m, PT15M", "1h, PT1H", "2d, PT48H", "1.5h, PT1H30M",
            "0.25s, PT0.25S", "' 10 s ', PT10S", "2H, PT2H", "PT0.5S, PT0.5S", "pt1h, PT1H", "P1DT2H, PT26H", "0s, PT0S"})
    void readsANumberAndAUnitOrIso8601(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "5", "5x", "-5s", "PT-1S", "s", "1..5s", "0.0000000001s", "P", "1e3s"})
    void refusesAnythingElseQuotingItAndTheGrammar(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration")
                .hasMessageContaining("500ms").hasMessageContaining("PT0.5S");
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("is not a duration");
    }
}
