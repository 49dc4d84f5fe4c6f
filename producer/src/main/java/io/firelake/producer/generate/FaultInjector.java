package io.firelake.producer.generate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.events.simulate.EventWriter;
import io.firelake.producer.model.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Breaks records the ways real producers do, at the configured rates: cut JSON, invalid UTF-8, a wrong JSON type, a
 * missing required field, an oversized record, a late event time, or the very same bytes sent again. Every record is
 * encoded here, so the valid ones can be remembered for later duplicates.
 */
final class FaultInjector {

    /** A bit over Firehose's 1,000 KiB record limit, a bit under Kinesis' 1 MiB. */
    static final int OVERSIZED_BYTES = 1_030_000;

    private final FaultRates rates;
    private final EventContract contract;
    private final EventWriter writer;
    private final Random random;
    private final RecentRecords recent;

    FaultInjector(FaultRates rates, EventContract contract, EventWriter writer, Random random) {
        this.rates = rates;
        this.contract = contract;
        this.writer = writer;
        this.random = random;
        this.recent = new RecentRecords(random);
    }

    /** The fault of the next record, or null for a valid one. */
    FaultKind pick() {
        return rates.pick(random.nextDouble());
    }

    /** A copy of a recent valid record, or null before there is one. */
    ProducerRecord duplicate() {
        return recent.duplicate();
    }

    /** Moves the event's time 1 to 48 hours before it is sent. */
    void makeLate(Map<String, Object> event, Instant sendTime, ShopperJourney journey) {
        event.put("event_time", journey.formatTime(late(sendTime, random)));
    }

    /** A late event's time: 1 to 48 hours before it is sent. */
    static Instant late(Instant sendTime, Random random) {
        return sendTime.minusMillis(3_600_000L + (long) (random.nextDouble() * 47 * 3_600_000L));
    }

    /** The event as a record with this fault (null or {@code LATE}: as it is), keyed by its session. */
    ProducerRecord encode(Session session, Map<String, Object> event, FaultKind fault) {
        String eventId = (String) event.get("event_id");
        if (fault == null || fault == FaultKind.LATE) {
            ProducerRecord record = new ProducerRecord(writer.write(event), session.id,
                    fault == null ? ProducerRecord.VALID : fault.label(), eventId);
            if (fault == null) {
                remember(record);
            }
            return record;
        }
        byte[] data = switch (fault) {
            case MALFORMED_JSON -> truncated(writer.write(event), random);
            case INVALID_UTF8 -> invalidUtf8(writer.write(event));
            case WRONG_TYPE -> writer.write(withWrongType(event));
            case MISSING_FIELD -> {
                Map<String, Object> missing = withoutRequiredField(event);
                if (!missing.containsKey("event_id")) {
                    eventId = null;
                }
                yield writer.write(missing);
            }
            case OVERSIZED -> writer.write(oversized(event));
            default -> throw new IllegalStateException("unhandled fault " + fault);
        };
        return new ProducerRecord(data, session.id, fault.label(), eventId);
    }

    private void remember(ProducerRecord record) {
        recent.remember(record);
    }

    /** The JSON cut in its second half: what a producer that crashed mid-write sends. */
    static byte[] truncated(byte[] json, Random random) {
        return Arrays.copyOf(json, json.length / 2 + random.nextInt(Math.max(1, json.length / 2 - 1)));
    }

    private static byte[] invalidUtf8(byte[] json) {
        byte[] marker = "\"page_url\":\"".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(json, marker);
        return withInvalidUtf8(json, at < 0 ? 2 : at + marker.length + 8);
    }

    /** The JSON with a byte sequence that is not UTF-8 ({@code C3 28}) inserted at {@code insert}. */
    static byte[] withInvalidUtf8(byte[] json, int insert) {
        byte[] out = new byte[json.length + 2];
        System.arraycopy(json, 0, out, 0, insert);
        out[insert] = (byte) 0xC3;
        out[insert + 1] = (byte) 0x28;
        System.arraycopy(json, insert, out, insert + 2, json.length - insert);
        return out;
    }

    private Map<String, Object> withWrongType(Map<String, Object> event) {
        List<FieldSpec> candidates = new ArrayList<>();
        for (FieldSpec field : contract.raw().fields()) {
            if (event.get(field.name()) != null && !field.types().isEmpty()
                    && field.types().get(0).kind() != FieldType.Kind.BOOLEAN) {
                candidates.add(field);
            }
        }
        FieldSpec field = candidates.get(random.nextInt(candidates.size()));
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.put(field.name(), EventWriter.wrongValueFor(field));
        return out;
    }

    private Map<String, Object> withoutRequiredField(Map<String, Object> event) {
        String type = (String) event.get("event_type");
        List<String> required = new ArrayList<>();
        for (FieldSpec field : contract.raw().fields()) {
            if (field.requiredFor(type) && event.get(field.name()) != null) {
                required.add(field.name());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.remove(required.get(random.nextInt(required.size())));
        return out;
    }

    private Map<String, Object> oversized(Map<String, Object> event) {
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.put("event_type", "search");
        String filler = "x".repeat(OVERSIZED_BYTES - writer.write(event).length);
        out.put("search_query", filler);
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
