package io.firelake.speed.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TextPatternTest {

    private static final List<String> INPUTS = List.of("", "E", "EU", "EUR", "EURO", "eur", "E1R", "ÉUR", "abc_12",
            "a-b", "-", "0f3a", "0F3A", "zz", "Z", "_", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a b", "ü");

    @Test
    void aCharacterClassWithACountMatchesExactlyWhatTheRegexMatches() {
        for (String regex : List.of("[A-Z]{3}", "[0-9a-f]{4}", "[a-z_0-9]+", "[a-z]*", "[-ab]", "[ab-]{1,3}",
                "[A-Z]{2,3}", "[a-z]")) {
            assertThat(TextPattern.CharClass.parse(regex)).as(regex).isNotNull();
            TextPattern pattern = TextPattern.of(regex);
            for (String input : INPUTS) {
                assertThat(pattern.matches(input)).as(regex + " on '" + input + "'")
                        .isEqualTo(Pattern.compile(regex).matcher(input).matches());
            }
        }
    }

    @Test
    void anyOtherPatternIsLeftToTheRegexEngine() {
        for (String regex : List.of("[^A-Z]{3}", "[A-Z]{3}x", "[\\w]+", "[a-z.]+", "[A-Z]{3,}", "EUR|USD", "[z-a]",
                "[[a-z]]", "[a-z&&[^b]]", "\\d+")) {
            assertThat(TextPattern.CharClass.parse(regex)).as(regex).isNull();
        }
        TextPattern either = TextPattern.of("EUR|USD");
        assertThat(either.matches("USD")).isTrue();
        assertThat(either.matches("GBP")).isFalse();
    }
}
