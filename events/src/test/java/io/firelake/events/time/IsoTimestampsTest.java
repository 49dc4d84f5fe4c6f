package io.firelake.events.time;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import static io.firelake.events.time.IsoTimestamps.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * java.time is the reference: {@link IsoTimestamps#parseOffsetMillis} must answer exactly what
 * {@code ISO_OFFSET_DATE_TIME} answers, and {@link IsoTimestamps#parseCanonicalUtcMillis} exactly what
 * {@link Instant#parse} answers on the canonical shape and nothing else.
 */
class IsoTimestampsTest {

    private static final long YEAR_0000 = -62_167_219_200_000L;
    private static final long YEAR_10000 = 253_402_300_800_000L;
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9](\\.[0-9]{1,9})?Z");

    @Property(tries = 3000)
    void renderedInstantsTakeTheFastPathAndAgreeWithJavaTime(
            @ForAll @LongRange(min = YEAR_0000 + 86_400_000L, max = YEAR_10000 - 86_400_001L) long millis,
            @ForAll @IntRange(min = -1080, max = 1080) int offsetMinutes,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
            @ForAll @IntRange(min = 0, max = 999_999) int subMillisNanos,
            @ForAll boolean lowerCaseT,
            @ForAll boolean lowerCaseZ) {
        OffsetDateTime time = Instant.ofEpochMilli(millis).plusNanos(subMillisNanos)
                .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        String text = render(time, fractionDigits);
        if (lowerCaseT) {
            text = text.substring(0, 10) + 't' + text.substring(11);
        }
        if (lowerCaseZ && text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1) + 'z';
        }
        long expected = reference(text);
        assertThat(expected).as(text).isNotEqualTo(INVALID);
        assertThat(IsoTimestamps.parseCommon(text, true)).as(text).isEqualTo(expected);
        assertThat(IsoTimestamps.parseOffsetMillis(text)).as(text).isEqualTo(expected);
        assertThat(parseBytes(text)).as(text).isEqualTo(expected);
        assertThat(IsoTimestamps.parseCanonicalUtcMillis(text)).as(text).isEqualTo(canonicalReference(text));
    }

    @Property(tries = 3000)
    void anyTextAfterTheSecondsAgreesWithJavaTime(@ForAll @StringLength(max = 16)
                                                  @Chars({'0', '1', '5', '9', '.', ':', '+', '-', 'Z', 'z', 'T', ' ', '\u0663'})
                                                  String suffix) {
        String text = "2026-11-22T03:09:24" + suffix;
        assertAgreesWithJavaTime(text);
    }

    @Property(tries = 5000)
    void oneEditOfAValidTimestampAgreesWithJavaTime(
            @ForAll @LongRange(min = 0, max = YEAR_10000 - 86_400_001L) long millis,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
            @ForAll @IntRange(min = -1080, max = 1080) int offsetMinutes,
            @ForAll @IntRange(min = 0, max = 40) int position,
            @ForAll @IntRange(min = 0, max = 2) int edit,
            @ForAll @Chars({'0', '2', '3', '6', '9', '-', ':', '.', '+', 'T', 't', 'Z', 'z', ' ', 'x', '/', '\u0663'})
            char c) {
        String valid = render(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)),
                fractionDigits);
        int at = position % (valid.length() + 1);
        String text = switch (edit) {
            case 0 -> valid.substring(0, at) + c + valid.substring(at);
            case 1 -> at == valid.length() ? valid : valid.substring(0, at) + valid.substring(at + 1);
            default -> at == valid.length() ? valid + c : valid.substring(0, at) + c + valid.substring(at + 1);
        };
        assertAgreesWithJavaTime(text);
    }

    @Property(tries = 2000)
    void anyFieldValuesAgreeWithJavaTime(@ForAll @IntRange(min = 0, max = 9999) int year,
                                         @ForAll @IntRange(min = 0, max = 13) int month,
                                         @ForAll @IntRange(min = 0, max = 32) int day,
                                         @ForAll @IntRange(min = 0, max = 25) int hour,
                                         @ForAll @IntRange(min = 0, max = 61) int minute,
                                         @ForAll @IntRange(min = 0, max = 61) int second,
                                         @ForAll @IntRange(min = 0, max = 20) int offsetHours,
                                         @ForAll @IntRange(min = 0, max = 61) int offsetMinutes,
                                         @ForAll boolean negativeOffset,
                                         @ForAll boolean utc) {
        String offset = utc ? "Z" : String.format("%s%02d:%02d", negativeOffset ? "-" : "+", offsetHours, offsetMinutes);
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.5%s", year, month, day, hour, minute, second, offset);
        assertAgreesWithJavaTime(text);
    }

    @Example
    void theRulesTheCallersRelyOn() {
        long instant = Instant.parse("2026-11-22T03:09:24.123Z").toEpochMilli();
        // both Lambdas: any offset up to ±18:00, 'T' and 'Z' in either case, 0 to 9 fraction digits
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T03:09:24.123Z")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22t03:09:24.123z")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T05:09:24.123+02:00")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-21T19:09:24.123-08:00")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T03:09:24.123999999Z")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T21:09:24.123+18:00")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("1969-12-31T23:59:59.9999Z")).isEqualTo(-1);
        // shapes the fast path leaves to java.time, which accepts them
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T03:09Z")).isEqualTo(instant - 24_123);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T03:09:24.Z")).isEqualTo(instant - 123);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T05:09:24.123+02")).isEqualTo(instant);
        assertThat(IsoTimestamps.parseOffsetMillis("2026-11-22T05:09:24.123+02:00:00")).isEqualTo(instant);
        // rejected: no offset, impossible fields, leap second, offset beyond ±18:00 or without its colon, ten fraction
        // digits, a zone name, white space, non-ASCII digits
        for (String bad : new String[]{"2026-11-22T03:09:24.123", "2026-11-22", "2026-02-29T00:00:00Z",
                "2026-11-22T24:00:00Z", "2016-12-31T23:59:60Z", "2026-11-22T03:60:00Z", "2026-11-22T03:09:24+18:30",
                "2026-11-22T03:09:24+19:00", "2026-11-22T03:09:24.1234567891Z", "2026-11-22T03:09:24Z[UTC]",
                "2026-11-22 03:09:24Z", " 2026-11-22T03:09:24Z", "2026-11-22T03:09:24Z ", "2026-11-22T0x:09:24Z",
                "2026-1-22T03:09:24Z", "2026-11-22T05:09:24+0200", "\u0662026-11-22T03:09:24Z", ""}) {
            assertThat(IsoTimestamps.parseOffsetMillis(bad)).as(bad).isEqualTo(INVALID);
        }
        assertThat(IsoTimestamps.parseOffsetMillis("2024-02-29T00:00:00Z")).isNotEqualTo(INVALID);
        assertThat(IsoTimestamps.parseOffsetMillis("0000-01-01T00:00:00Z")).isEqualTo(YEAR_0000);
        assertThat(IsoTimestamps.parseOffsetMillis("9999-12-31T23:59:59.999999999Z")).isEqualTo(YEAR_10000 - 1);
    }

    @Example
    void charactersBeyondLatin1AreOutsideTheFastPathNotAnError() {
        // A surrogate pair is one '?' in Latin-1: fewer bytes than characters, which once read past the end.
        for (String bad : new String[]{"2026-11-22T03:00:00+0\uD83D\uDE00:0", "2026-11-22T03:00:00.123+0\uD83D\uDE00:0",
                "2026-11-22T03:00:00+\uD83D\uDE00\uD83D\uDE00:", "2026-11-22T03:00:00\u0141Z"}) {
            assertThat(IsoTimestamps.parseOffsetMillis(bad)).as(bad).isEqualTo(INVALID);
            assertThat(IsoTimestamps.parseCanonicalUtcMillis(bad)).as(bad).isEqualTo(INVALID);
            assertThat(parseBytes(bad)).as(bad).isEqualTo(INVALID);
        }
    }

    @Example
    void theCanonicalFormIsTheLakesOwnAndNothingElse() {
        for (String t : new String[]{"2026-11-22T03:09:24.123Z", "2026-11-22T03:09:24Z", "2024-02-29T23:59:59.9Z",
                "1970-01-01T00:00:00.000000001Z", "2026-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.500Z"}) {
            assertThat(IsoTimestamps.parseCanonicalUtcMillis(t)).as(t).isEqualTo(Instant.parse(t).toEpochMilli());
        }
        for (String t : new String[]{"2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T03:09:24.Z",
                "2026-11-22 03:09:24Z", "2026-11-22T03:09:24+01:00", "2026-11-22t03:09:24Z", "2026-11-22T03:09:24z",
                "2016-12-31T23:59:60Z", "2026-11-22T03:09Z", "2026-11-22Tx3:09:24Z", "2026-11-22T03:x9:24Z",
                "2026-11-22T03:09:x4Z", "2026-11-22T03:09:24.1234567891Z"}) {
            assertThat(IsoTimestamps.parseCanonicalUtcMillis(t)).as(t).isEqualTo(INVALID);
        }
    }

    private static void assertAgreesWithJavaTime(String text) {
        long expected = reference(text);
        assertThat(IsoTimestamps.parseOffsetMillis(text)).as(text).isEqualTo(expected);
        assertThat(parseBytes(text)).as(text).isEqualTo(expected);
        long fast = IsoTimestamps.parseCommon(text, true);
        assertThat(fast == INVALID || fast == expected).as("fast path on %s: %s, java.time: %s", text, fast, expected)
                .isTrue();
        assertThat(IsoTimestamps.parseCanonicalUtcMillis(text)).as(text).isEqualTo(canonicalReference(text));
    }

    /** The byte reader's entry: the text's UTF-8 in the middle of a larger array, as a record holds it. */
    private static long parseBytes(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] record = new byte[utf8.length + 4];
        System.arraycopy(utf8, 0, record, 2, utf8.length);
        record[0] = record[1] = record[record.length - 2] = record[record.length - 1] = '"';
        return IsoTimestamps.parseOffsetMillis(record, 2, 2 + utf8.length);
    }

    private static String render(OffsetDateTime time, int fractionDigits) {
        String pattern = "uuuu-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits)) + "XXX";
        return DateTimeFormatter.ofPattern(pattern).format(time);
    }

    private static long reference(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    private static long canonicalReference(String text) {
        if (!CANONICAL.matcher(text).matches()) {
            return INVALID;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeException e) {
            return INVALID;
        }
    }
}
