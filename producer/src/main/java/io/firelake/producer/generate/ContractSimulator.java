package io.firelake.producer.generate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.producer.model.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

/**
 * Events of any contract, from its raw schema and its simulator hints ({@code contract.yaml}'s {@code simulator}):
 * every required field, optional ones now and then, the fields an event type requires, the event time of the send
 * (or spread over a past span in history mode), and the faults the contract allows at the settings' rates. The
 * partition key is the field with role {@code partition_key}, else the event id. A seed gives the same records.
 */
public final class ContractSimulator implements Iterator<ProducerRecord> {


    private final SimulationSettings settings;
    private final EventContract contract;
    private final Random random;
    private final EventWriter writer;
    private final List<FieldSpec> fields;
    private final List<FieldValues> values = new ArrayList<>();
    private final Set<FaultKind> allowed = EnumSet.noneOf(FaultKind.class);
    private final RecentRecords recent;
    private final String idField;
    private final String timeField;
    private final String typeField;
    private final String keyField;
    private long emitted;

    public ContractSimulator(SimulationSettings settings, EventContract contract) {
        this.settings = settings;
        this.contract = contract;
        this.random = new Random(settings.seed());
        this.recent = new RecentRecords(random);
        this.writer = new EventWriter(contract);
        this.fields = contract.raw().fields();
        for (FieldSpec field : fields) {
            values.add(new FieldValues(field, contract.simulator().fields()));
        }
        contract.simulator().faults().forEach(label -> allowed.add(FaultKind.fromLabel(label)));
        this.idField = contract.eventIdField().name();
        this.timeField = contract.eventTimeField().name();
        this.typeField = contract.eventTypeField().map(FieldSpec::name).orElse(null);
        this.keyField = contract.partitionKeyField().map(FieldSpec::name).orElse(idField);
    }

    @Override
    public boolean hasNext() {
        return emitted < settings.events();
    }

    @Override
    public ProducerRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        FaultKind fault = settings.faults().pick(random.nextDouble());
        if (fault != null && !allowed.contains(fault)) {
            fault = null;
        }
        if (fault == FaultKind.DUPLICATE) {
            ProducerRecord duplicate = recent.duplicate();
            if (duplicate != null) {
                return duplicate;
            }
            fault = null;
        }
        Instant time = sendTime();
        if (fault == FaultKind.LATE) {
            time = time.minusMillis(3_600_000L + (long) (random.nextDouble() * 47 * 3_600_000L));
        }
        Map<String, Object> event = event(time);
        String eventId = String.valueOf(event.get(idField));
        String key = String.valueOf(event.getOrDefault(keyField, eventId));
        if (fault == null || fault == FaultKind.LATE) {
            ProducerRecord record = new ProducerRecord(writer.write(event), key,
                    fault == null ? ProducerRecord.VALID : fault.label(), eventId);
            if (fault == null) {
                remember(record);
            }
            return record;
        }
        return switch (fault) {
            case MALFORMED_JSON -> {
                byte[] json = writer.write(event);
                byte[] cut = java.util.Arrays.copyOf(json, json.length / 2 + random.nextInt(Math.max(1, json.length / 2 - 1)));
                yield new ProducerRecord(cut, key, fault.label(), eventId);
            }
            case INVALID_UTF8 -> new ProducerRecord(invalidUtf8(writer.write(event)), key, fault.label(), eventId);
            case WRONG_TYPE -> new ProducerRecord(writer.write(broken(event, true)), key, fault.label(), eventId);
            case MISSING_FIELD -> {
                Map<String, Object> missing = broken(event, false);
                yield new ProducerRecord(writer.write(missing), key, fault.label(),
                        missing.containsKey(idField) ? eventId : null);
            }
            case OVERSIZED -> new ProducerRecord(oversized(event), key, fault.label(), eventId);
            default -> throw new IllegalStateException("unhandled fault " + fault);
        };
    }

    private Map<String, Object> event(Instant time) {
        Map<String, Object> event = new LinkedHashMap<>();
        String type = null;
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec field = fields.get(i);
            if (field.name().equals(timeField)) {
                event.put(field.name(), time(field, time));
                continue;
            }
            boolean required = type == null ? field.required() : field.requiredFor(type);
            if (!required && values.get(i).absent(random)) {
                continue;
            }
            Object value = field.name().equals(idField) && field.types().get(0).kind() == FieldType.Kind.UUID
                    ? new java.util.UUID(random.nextLong(), random.nextLong()).toString()
                    : values.get(i).next(random);
            event.put(field.name(), value);
            if (field.name().equals(typeField)) {
                type = (String) value;
            }
        }
        return event;
    }

    /** Epoch milliseconds when the field takes a long, else ISO-8601 in UTC. */
    private static Object time(FieldSpec field, Instant time) {
        boolean text = field.types().stream().anyMatch(t -> t.kind() == FieldType.Kind.STRING);
        return text ? DateTimeFormatter.ISO_INSTANT.format(time) : time.toEpochMilli();
    }

    private Instant sendTime() {
        if (!settings.history()) {
            return settings.clock().instant();
        }
        Duration span = settings.span() != null ? settings.span()
                : Duration.between(settings.startTime(), settings.clock().instant());
        return settings.startTime().plusMillis((long) (random.nextDouble() * span.toMillis()));
    }

    /** The event with a wrong JSON type in one field, or without one required field. */
    private Map<String, Object> broken(Map<String, Object> event, boolean wrongType) {
        List<FieldSpec> candidates = new ArrayList<>();
        for (FieldSpec field : fields) {
            boolean present = event.get(field.name()) != null;
            if (wrongType ? present && field.types().get(0).kind() != FieldType.Kind.BOOLEAN
                    : present && field.required()) {
                candidates.add(field);
            }
        }
        FieldSpec field = candidates.get(random.nextInt(candidates.size()));
        Map<String, Object> out = new LinkedHashMap<>(event);
        if (wrongType) {
            out.put(field.name(), wrongValue(field, event.get(field.name())));
        } else {
            out.remove(field.name());
        }
        return out;
    }

    /** A wrong value for the field; for a record holding a sub-field, the record with a wrong sub-field half the time. */
    private Object wrongValue(FieldSpec field, Object value) {
        if (value instanceof Map<?, ?> record && field.storageType().kind() == FieldType.Kind.RECORD
                && !record.isEmpty() && random.nextBoolean()) {
            List<FieldSpec> present = field.storageType().fields().stream()
                    .filter(sub -> record.containsKey(sub.name())).toList();
            FieldSpec sub = present.get(random.nextInt(present.size()));
            Map<Object, Object> broken = new LinkedHashMap<>(record);
            broken.put(sub.name(), EventWriter.wrongValueFor(sub));
            return broken;
        }
        return EventWriter.wrongValueFor(field);
    }

    /** Bytes that are not UTF-8 right after the first string value's opening quote. */
    private static byte[] invalidUtf8(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("\":\"");
        return FaultInjector.withInvalidUtf8(json, at < 0 ? 2 : at + 3);
    }

    /** Over Firehose's record limit: a text field (not the id) padded, else padding after the object. */
    private byte[] oversized(Map<String, Object> event) {
        int size = writer.write(event).length;
        for (FieldSpec field : fields) {
            if (!field.name().equals(idField) && field.types().get(0).kind() == FieldType.Kind.STRING) {
                Map<String, Object> out = new LinkedHashMap<>(event);
                out.put(field.name(), "x".repeat(FaultInjector.OVERSIZED_BYTES - size));
                return writer.write(out);
            }
        }
        byte[] json = writer.write(event);
        byte[] out = java.util.Arrays.copyOf(json, FaultInjector.OVERSIZED_BYTES);
        java.util.Arrays.fill(out, json.length, out.length, (byte) ' ');
        return out;
    }

    private void remember(ProducerRecord record) {
        recent.remember(record);
    }

    /** Records produced so far. */
    public long emitted() {
        return emitted;
    }
}
