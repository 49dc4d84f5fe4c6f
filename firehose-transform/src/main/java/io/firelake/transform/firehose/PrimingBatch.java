package io.firelake.transform.firehose;

import io.firelake.events.EventContract;
import io.firelake.events.contract.SimulatorHints;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.simulate.EventWriter;
import io.firelake.events.simulate.ValidEvents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Firehose request the handler runs before a SnapStart snapshot: {@value #VALID} valid events of the contract the
 * function runs and one record of every failure kind, so that the snapshot holds the classes, the JIT-compiled code
 * and the caches that contract's records use. A contract with the named clickstream generator primes with
 * {@link SampleBatch}'s realistic clickstream (every event type, real user agents for the user-agent cache); any other
 * with the events its raw schema and simulator hints give ({@link ValidEvents}, the producer's generator too).
 */
public final class PrimingBatch {

    /** Valid events per priming request. */
    public static final int VALID = 200;

    private PrimingBatch() {
    }

    /** The priming request of {@code contract}: its valid events, then its faulty records; deterministic for a seed. */
    public static byte[] request(EventContract contract, long seed, long nowMillis) {
        List<byte[]> payloads = new ArrayList<>(validPayloads(contract, VALID, seed, nowMillis));
        payloads.addAll(faultyPayloads(contract, seed, nowMillis));
        return SampleBatch.firehoseRequest(payloads, nowMillis);
    }

    /** {@code count} valid raw events of {@code contract} within the hour before {@code nowMillis}. */
    public static List<byte[]> validPayloads(EventContract contract, int count, long seed, long nowMillis) {
        if (!SimulatorHints.GENERIC.equals(contract.simulator().generator())) {
            return SampleBatch.validPayloads(count, seed, nowMillis);
        }
        Random random = new Random(seed);
        ValidEvents events = new ValidEvents(contract, random);
        EventWriter writer = new EventWriter(contract);
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(writer.write(events.next(Instant.ofEpochMilli(nowMillis - random.nextInt(3_600_000)))));
        }
        return payloads;
    }

    /**
     * A health-check ping and a record of each failure kind: truncated JSON, invalid UTF-8, a missing event id, an
     * event time of the wrong JSON type (made from an event of the contract's raw schema, whatever its generator).
     */
    static List<byte[]> faultyPayloads(EventContract contract, long seed, long nowMillis) {
        EventWriter writer = new EventWriter(contract);
        Map<String, Object> event = new ValidEvents(contract, new Random(seed)).next(Instant.ofEpochMilli(nowMillis));
        String id = contract.eventIdField().name();
        Map<String, Object> withoutId = new LinkedHashMap<>(event);
        withoutId.remove(id);
        FieldSpec time = contract.eventTimeField();
        Map<String, Object> wrongTime = new LinkedHashMap<>(event);
        wrongTime.put(time.name(), EventWriter.wrongValueFor(time));
        return List.of(
                "{\"health_check\":true}".getBytes(StandardCharsets.UTF_8),
                ("{\"" + id + "\":").getBytes(StandardCharsets.UTF_8),
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                writer.write(withoutId),
                writer.write(wrongTime));
    }
}
