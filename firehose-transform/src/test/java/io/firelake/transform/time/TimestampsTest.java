package io.firelake.transform.time;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    @Property(tries = 2000)
    void formatMatchesJavaTime(@ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        String expected = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(instant);
        assertThat(Timestamps.formatIsoMillis(millis)).isEqualTo(expected);
        assertThat(Timestamps.formatDate(millis)).isEqualTo(expected.substring(0, 10));
        assertThat(Timestamps.formatHour(millis)).isEqualTo(expected.substring(11, 13));
    }

    @Property(tries = 2000)
    void parsingAgreesWithJavaTimeOnRenderedInstants(
            @ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long millis,
            @ForAll @LongRange(min = -64_800, max = 64_800) long offsetSeconds,
            @ForAll @LongRange(min = 0, max = 3) long fractionStyle) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((int) (offsetSeconds / 60 * 60));
        OffsetDateTime time = Instant.ofEpochMilli(millis).atOffset(offset);
        String pattern = switch ((int) fractionStyle) {
            case 0 -> "uuuu-MM-dd'T'HH:mm:ssXXX";
            case 1 -> "uuuu-MM-dd'T'HH:mm:ss.SXXX";
            case 2 -> "uuuu-MM-dd'T'HH:mm:ss.SSSXXX";
            default -> "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX";
        };
        String text = DateTimeFormatter.ofPattern(pattern).format(time);
        assertThat(Timestamps.parseIsoOffsetMillis(text)).isEqualTo(reference(text));
    }

    @Property(tries = 2000)
    void parsingAgreesWithJavaTimeOnArbitraryText(@ForAll @StringLength(max = 40) String suffix) {
        String text = "2026-11-22T03:09:24" + suffix;
        assertThat(Timestamps.parseIsoOffsetMillis(text)).isEqualTo(reference(text));
    }

    private static long reference(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
