package io.firelake.transform.core;

import io.firelake.transform.TestPipeline;
import io.firelake.transform.firehose.SampleBatch;
import io.firelake.transform.validate.ReasonCode;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.transform.validate.Validation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch contract for any input: every recordId exactly once and in order, never an exception, Ok rows that satisfy
 * the enriched contract, failures that carry the original bytes and a reason the pure validator recomputes.
 */
class TransformBatchPropertiesTest {

    private static final TransformBatch BATCH = TestPipeline.batch();
    private static final RecordValidator VALIDATOR = RecordValidator.clickstream(TestPipeline.CLOCK);
    private static final long NOW = TestPipeline.NOW.toEpochMilli();
    private static final List<byte[]> VALID = SampleBatch.validPayloads(200, 1, NOW);
    private static final String[] FIELDS = {"schema_version", "event_id", "event_type", "event_time", "session_id",
            "user_id", "page_url", "referrer", "user_agent", "ip", "product_id", "price", "currency", "quantity",
            "search_query", "health_check", "other"};

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 8) List<byte[]> payloads) {
        checkBatch(payloads);
    }

    @Property(tries = 2000)
    void randomJson(@ForAll("jsonObjects") List<String> payloads) {
        checkBatch(payloads.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Property(tries = 2000)
    void mutationsOfValidEvents(@ForAll("mutated") List<byte[]> payloads) {
        checkBatch(payloads);
    }

    private static void checkBatch(List<byte[]> payloads) {
        List<InputRecord> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(new InputRecord("id-" + i, payloads.get(i), NOW - 1000,
                    new KinesisMetadata("shardId-000000000000", "pk", NOW - 2000, String.valueOf(1000 + i), null)));
        }
        List<TransformResult> results = BATCH.apply(inputs);
        assertThat(results).hasSameSizeAs(inputs);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            TransformResult result = results.get(i);
            assertThat(result.recordId()).isEqualTo(inputs.get(i).recordId());
            assertThat(ids.add(result.recordId())).isTrue();
            Validation replay = VALIDATOR.validate(payloads.get(i), NOW);
            if (result instanceof TransformResult.Ok ok) {
                OkOutputContract.check(ok);
                assertThat(replay).isInstanceOf(Validation.Valid.class);
            } else if (result instanceof TransformResult.ProcessingFailed failed) {
                assertThat(failed.data()).isEqualTo(payloads.get(i));
                assertThat(failed.failure().code()).isNotEqualTo(ReasonCode.INTERNAL_ERROR);
                assertThat(replay).isEqualTo(new Validation.Invalid(failed.failure()));
            } else {
                assertThat(result).isInstanceOf(TransformResult.Dropped.class);
                assertThat(result.data()).isEqualTo(payloads.get(i));
                assertThat(replay).isInstanceOf(Validation.HealthCheck.class);
            }
        }
    }

    @Provide
    Arbitrary<List<String>> jsonObjects() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(TransformBatchPropertiesTest::quote),
                Arbitraries.of("\"page_view\"", "\"purchase\"", "\"add_to_cart\"", "\"search\"",
                        "\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\"", "\"2026-11-22T03:00:00Z\"", "\"2026-11-22T03:00:00+14:00\"",
                        "\"12.34\"", "\"https://shop.example.com/?utm_source=x\"", "\"::1\"", "\"10.1.2.3\"",
                        "null", "true", "false", "{}", "[]", "{\"a\":[1,{\"b\":null}]}", "1e400", "-0", "0.001"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.longs().between(NOW - 90_000_000L, NOW + 90_000_000L).map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"));
        Arbitrary<String> member = Combinators.combine(Arbitraries.of(FIELDS), values)
                .as((k, v) -> quote(k) + ":" + v);
        return member.list().ofMaxSize(16).map(members -> "{" + String.join(",", members) + "}").list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<byte[]>> mutated() {
        return Combinators.combine(
                Arbitraries.integers().between(0, VALID.size() - 1),
                Arbitraries.integers().between(0, 7),
                Arbitraries.longs()).as((index, kind, seed) -> mutate(VALID.get(index), kind, new Random(seed))).list().ofMinSize(1).ofMaxSize(6);
    }

    /** One of: unchanged, flip a byte, delete a byte, insert a byte, truncate, drop a field, retype a field, duplicate. */
    static byte[] mutate(byte[] valid, int kind, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = random.nextInt(valid.length);
        return switch (kind) {
            case 0 -> valid;
            case 1 -> {
                byte[] copy = valid.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 2 -> concat(slice(valid, 0, at), slice(valid, at + 1, valid.length));
            case 3 -> concat(concat(slice(valid, 0, at), new byte[]{(byte) random.nextInt(256)}), slice(valid, at, valid.length));
            case 4 -> slice(valid, 0, at);
            case 5 -> text.replaceFirst("\"" + FIELDS[random.nextInt(FIELDS.length)] + "\":(\"[^\"]*\"|[^,}]*),?", "")
                    .replace(",}", "}").getBytes(StandardCharsets.UTF_8);
            case 6 -> text.replaceFirst("(\"" + FIELDS[random.nextInt(FIELDS.length)] + "\":)(\"[^\"]*\"|[^,}]*)",
                    "$1" + List.of("1", "\"x\"", "null", "[]", "{}", "1.5", "true", "\"2099-01-01T00:00:00Z\"",
                            "99999999999999999999").get(random.nextInt(9))).getBytes(StandardCharsets.UTF_8);
            default -> text.replaceFirst("\\{", "{\"session_id\":\"dup\",").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
