package io.firelake.transform.time;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
}
