package io.firelake.transform.validate;

import io.firelake.events.contract.Contracts;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.TestPipeline;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte reader and Jackson's reader agree: on generated records (valid ones, every kind of value in every field,
 * map and record (struct) fields' objects, duplicates, unknown keys, health checks, nested values, odd whitespace,
 * truncations, trailing content and random byte edits, invalid UTF-8 included) a validator that reads bytes first answers exactly what the
 * Jackson-only path answers: the same event with the same value types, or the same failure, field and message.
 */
class RecordBytesReaderPropertiesTest {

    private static final RecordValidator CLICKSTREAM = RecordValidator.clickstream(TestPipeline.CLOCK);
    private static final RecordValidator IOT = RecordValidator.of(Contracts.packaged("iot-telemetry"),
            TestPipeline.CLOCK);
    private static final long NOW = TestPipeline.NOW.toEpochMilli();
    /** A contract with record (struct) fields, as {@code RecordFieldValidationTest} declares them. */
    private static final RecordValidator STRUCTS = new RecordValidator(new io.firelake.events.schema.AvroSchemaReader()
            .read("""
                    {"type": "record", "name": "Reading", "namespace": "test", "fields": [
                      {"name": "id", "type": "string"},
                      {"name": "at", "type": "long", "firelake.role": "event_time"},
                      {"name": "location", "type": ["null", {"type": "record", "name": "Location", "fields": [
                        {"name": "site", "type": "string"},
                        {"name": "floor", "type": ["null", "int"], "default": null},
                        {"name": "zone", "type": ["null", {"type": "enum", "name": "Zone", "symbols": ["north"]}]},
                        {"name": "area_m2", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                                                              "precision": 6, "scale": 1}], "default": null}
                      ]}], "default": null},
                      {"name": "building", "type": {"type": "record", "name": "Building", "fields": [
                        {"name": "code", "type": "string"}]}}
                    ]}"""), java.util.Map.of(), TestPipeline.CLOCK, RecordValidator.DEFAULT_MAX_FUTURE_SKEW,
            RecordValidator.DEFAULT_MAX_RECORD_BYTES);

    private static final List<String> VALUES = List.of(
            "\"page_view\"", "\"PAGE_VIEW\"", "\"purchase\"", "\"add_to_cart\"", "\"thermostat\"", "\"ok\"",
            "\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\"", "\"0B4F6C0E-8D1A-4A52-9A55-3C1F2D6E7A01\"",
            "\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a0g\"", "\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a-1\"",
            "\"0b4f6c0e8d1a-4a52-9a55-3c1f2d6e7a01-\"",
            "\"2026-11-22T03:00:00Z\"", "\"2026-11-22T04:00:00+01:00\"", "1795316964000", "1795403400001",
            "1795316964", "\"s-1\"", "\"caf\u00e9 \u20ac \uD83D\uDE00\"", "\"a\\\"b\"", "\"x\\ud800y\"",
            "\"\\u00e9\"", "\"tab\there\"", "\"https://shop.example.com/p?utm_source=x\"", "\"\"", "\"12.345\"",
            "\"19.90\"", "\" 12.00\"", "\"1e3\"", "\"3\"", "0", "-0", "01", "-", "-01", "7", "-7", "2147483647",
            "2147483648", "-2147483649", "123456789012345678", "-123456789012345678", "1234567890123456789",
            "99999999999999999999", "19.9", "1.230000", "-0.50", "0.0", "-0.0", "9999999999.99", "12345678901",
            "1e2", "1E+2", "1.5e12", "17e5314166818", ".5", "5.", "1.", "2.5", "true", "false", "null", "tru",
            "nul", "truex", "true1", "nullx", "{\"a\":1}", "{\"a\":\"b\",\"c\":\"d\"}", "{\"a\":1,\"a\":2}", "[1,2]",
            "[]", "{}", "{\"a\":{\"b\":1}}", "NaN", "'x'", "\"unterminated");

    @Property(tries = 3000)
    void clickstreamRecordsAreJudgedAlike(@ForAll("clickstreamRecords") String json) {
        assertAgree(CLICKSTREAM, json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void iotRecordsAreJudgedAlike(@ForAll("iotRecords") String json) {
        assertAgree(IOT, json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void recordFieldsAreJudgedAlike(@ForAll("structRecords") String json) {
        assertAgree(STRUCTS, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A decimal with no integer digit, and one with: the byte reader's decimals against the converter's rules. */
    private static final RecordValidator DECIMALS = new RecordValidator(new io.firelake.events.schema.AvroSchemaReader()
            .read("""
                    {"type": "record", "name": "Amounts", "namespace": "test", "fields": [
                      {"name": "at", "type": "long", "firelake.role": "event_time"},
                      {"name": "rate", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                                                          "precision": 2, "scale": 2}], "default": null},
                      {"name": "price", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                                                           "precision": 12, "scale": 2}], "default": null}
                    ]}"""), java.util.Map.of(), TestPipeline.CLOCK, RecordValidator.DEFAULT_MAX_FUTURE_SKEW,
            RecordValidator.DEFAULT_MAX_RECORD_BYTES);

    @net.jqwik.api.Example
    void decimalsAreJudgedAlike() {
        String at = "\"at\":" + (NOW - 1000);
        for (String value : List.of("0", "-0", "0.0", "0.00", "0.000", "0.5", "0.55", "0.555", "-0.05", "1", "1.0",
                "10.00", "9999999999.99", "99999999999", "1." + "0".repeat(38), "1." + "0".repeat(39),
                "1." + "0".repeat(1000), "0." + "0".repeat(1200), "123456789012345678", "1234567890123456789",
                "12.3e0", "-", "01.5", "1.", ".1")) {
            for (String field : List.of("rate", "price")) {
                assertAgree(DECIMALS, ("{" + at + ",\"" + field + "\":" + value + "}").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Property(tries = 3000)
    void editedBytesAreJudgedAlike(@ForAll("clickstreamRecords") String json,
                                   @ForAll("edits") List<Tuple.Tuple3<Integer, Integer, Byte>> edits) {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        for (Tuple.Tuple3<Integer, Integer, Byte> edit : edits) {
            data = edit(data, edit.get1(), edit.get2(), edit.get3());
        }
        assertAgree(CLICKSTREAM, data);
    }

    private static void assertAgree(RecordValidator validator, byte[] data) {
        String label = new String(data, StandardCharsets.UTF_8);
        assertThat(describe(validator.validate(data, NOW, true)))
                .as(label)
                .isEqualTo(describe(validator.validate(data, NOW, false)));
    }

    /** The outcome with every value's type, so a Long where an Integer belongs is a difference. */
    private static String describe(Validation validation) {
        if (validation instanceof Validation.Valid valid) {
            ValidEvent event = valid.event();
            return "valid at " + event.eventTimeMillis() + ": " + IntStream.range(0, event.schema().fields().size())
                    .mapToObj(i -> event.value(i) == null ? "null"
                            : event.value(i).getClass().getSimpleName() + ":" + event.value(i))
                    .collect(Collectors.joining(", "));
        }
        return validation.toString();
    }

    /** A valid purchase, which the generated fields then add to or override. */
    private static final String CLICKSTREAM_BASE = "\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\","
            + "\"event_type\":\"purchase\",\"event_time\":\"2026-11-22T03:00:00Z\",\"session_id\":\"s-1\","
            + "\"page_url\":\"https://a.example/\",\"product_id\":\"p\",\"currency\":\"EUR\",\"price\":19.9";
    /** A valid reading with a map field. */
    private static final String IOT_BASE = "\"reading_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\","
            + "\"device_id\":\"d-1\",\"device_type\":\"thermostat\",\"read_at\":1795316964000,\"site_id\":\"s\","
            + "\"firmware\":\"1.0\",\"battery_status\":\"ok\",\"labels\":{\"a\":\"b\"}";

    @Provide
    Arbitrary<String> clickstreamRecords() {
        return records(CLICKSTREAM, CLICKSTREAM_BASE);
    }

    @Provide
    Arbitrary<String> iotRecords() {
        return records(IOT, IOT_BASE);
    }

    @Provide
    Arbitrary<String> structRecords() {
        Arbitrary<String> space = Arbitraries.of("", "", " ", "\n");
        Arbitrary<String> member = Combinators.combine(
                        Arbitraries.of("site", "floor", "zone", "area_m2", "code", "extra"), Arbitraries.of(VALUES),
                        space)
                .as((name, value, gap) -> gap + "\"" + name + "\":" + gap + value);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(m -> "{" + String.join(",", m) + "}");
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of("location", "building", "id", "other"),
                        Arbitraries.oneOf(object, object, Arbitraries.of(VALUES)))
                .as((name, value) -> "\"" + name + "\":" + value);
        String base = "\"id\":\"r-1\",\"at\":" + (NOW - 1000);
        return entry.list().ofMaxSize(3).map(more -> {
            List<String> all = new ArrayList<>(List.of(base));
            all.addAll(more);
            return "{" + String.join(",", all) + "}";
        });
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, Byte>>> edits() {
        Arbitrary<Byte> bytes = Arbitraries.of((byte) '{', (byte) '}', (byte) '"', (byte) ',', (byte) ':',
                (byte) '\\', (byte) ' ', (byte) '0', (byte) '-', (byte) '.', (byte) 'e', (byte) '[', (byte) 1,
                // Bytes that break UTF-8 (a lone continuation, a lead byte without its tail, one never valid): the
                // byte reader reads such records too, and the UTF-8 check must still decide first.
                (byte) 0x80, (byte) 0xC3, (byte) 0xFF);
        return Combinators.combine(Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 2), bytes)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(3);
    }

    /** A base record, then fields of the schema (and unknown ones) with any of the values, in any order and spacing. */
    private static Arbitrary<String> records(RecordValidator validator, String base) {
        List<String> names = new ArrayList<>(validator.schema().fields().stream().map(FieldSpec::name).toList());
        names.addAll(List.of("new_field", "health_check", "other"));
        Arbitrary<String> space = Arbitraries.of("", "", "", " ", "\n\t", "\r\n  ");
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of(names), Arbitraries.of(VALUES), space, space)
                .as((name, value, before, after) -> before + "\"" + name + "\"" + after + ":" + before + value + after);
        Arbitrary<List<String>> entries = entry.list().ofMaxSize(6);
        Arbitrary<Boolean> withBase = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        Arbitrary<String> ending = Arbitraries.of("}", "}", "}", "}", "} ", "}\n", "", "}x", "}{}", ",}");
        return Combinators.combine(withBase, entries, ending, space).as((useBase, more, end, lead) -> {
            List<String> all = new ArrayList<>();
            if (useBase) {
                all.add(base);
            }
            all.addAll(more);
            return lead + "{" + String.join(",", all) + end;
        });
    }

    /** Replaces (0), inserts (1) or deletes (2) a byte. */
    private static byte[] edit(byte[] data, int at, int kind, byte b) {
        if (data.length == 0) {
            return data;
        }
        int i = at % data.length;
        byte[] out;
        switch (kind) {
            case 0 -> {
                out = data.clone();
                out[i] = b;
            }
            case 1 -> {
                out = new byte[data.length + 1];
                System.arraycopy(data, 0, out, 0, i);
                out[i] = b;
                System.arraycopy(data, i, out, i + 1, data.length - i);
            }
            default -> {
                out = new byte[data.length - 1];
                System.arraycopy(data, 0, out, 0, i);
                System.arraycopy(data, i + 1, out, i, data.length - i - 1);
            }
        }
        return out;
    }
}
