package io.firelake.speed.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WindowProcessorTest {

    private static final long START = Instant.parse("2026-11-22T03:09:00Z").toEpochMilli();
    private static final long END = START + 60_000;
    private static final DeclaredEventReader READER = new DeclaredEventReader(io.firelake.speed.ClickstreamFixtures.PLAN);

    private final List<String> badLog = new ArrayList<>();
    private final BadRecordLog log = (shard, seq, sub, reason, detail) -> badLog.add(seq + ":" + reason);

    @Test
    void aRecordThatThrowsIsTheFirstFailureAndTheStateCoversOnlyTheRecordsBeforeIt() {
        EventParser poisoned = data -> {
            if (new String(data, StandardCharsets.UTF_8).contains("poison")) {
                throw new IllegalStateException("bug");
            }
            return READER.parse(data);
        };
        WindowProcessor processor = new WindowProcessor(READER.plan(), poisoned, log, 10);
        List<StreamRecord> batch = List.of(record("1", "s-1"), record("2", "poison"), record("3", "s-3"));

        InvocationResult failed = processor.process(new Invocation("shard-0", START, END, Map.of(), batch, false));

        assertThat(failed.firstFailedSequenceNumber()).isEqualTo("2");
        assertThat(failed.windowState().kinesisRecords()).isEqualTo(1);
        assertThat(failed.windowState().lastSequenceNumber()).isEqualTo("1");

        // Lambda retries from the failed record with the returned state; once it passes, nothing is counted twice.
        WindowProcessor healthy = new WindowProcessor(READER, log, 10);
        List<StreamRecord> retry = List.of(record("2", "s-2"), record("3", "s-3"));
        InvocationResult retried = healthy.process(new Invocation("shard-0", START, END, failed.state(), retry, true));

        assertThat(retried.firstFailedSequenceNumber()).isNull();
        assertThat(retried.output().summary().events()).isEqualTo(3);
        assertThat(retried.output().minutes().get(0).counts("events")).isEqualTo(Map.of("page_view", 3L));
        assertThat(retried.output().summary().window().firstSequenceNumber()).isEqualTo("1");
        assertThat(retried.output().summary().window().lastSequenceNumber()).isEqualTo("3");
    }

    @Test
    void eventsBeyondTheAllowedLatenessAreCountedAsOutOfRangeNotAggregated() {
        WindowProcessor processor = new WindowProcessor(READER, log, 2);
        StreamRecord late = new StreamRecord("1", "pk", json("s-1", "2026-11-22T03:06:59Z"), START);
        StreamRecord justInTime = new StreamRecord("2", "pk", json("s-1", "2026-11-22T03:07:00Z"), START);
        StreamRecord future = new StreamRecord("3", "pk", json("s-1", "2026-11-22T03:11:00Z"), START);

        InvocationResult result = processor.process(new Invocation("shard-0", START, END, Map.of(),
                List.of(late, justInTime, future), true));

        assertThat(result.output().minutes()).hasSize(1);
        assertThat(result.output().summary().badByReason()).isEqualTo(Map.of("OUT_OF_WINDOW_RANGE", 2L));
        assertThat(badLog).containsExactly("1:OUT_OF_WINDOW_RANGE", "3:OUT_OF_WINDOW_RANGE");
    }

    @Test
    void aRepeatedEventIdIsADuplicateEvenAcrossInvocationsOfTheWindow() {
        WindowProcessor processor = new WindowProcessor(READER, log, WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES);
        byte[] event = withId("e-1");
        InvocationResult first = processor.process(new Invocation("shard-0", START, END, Map.of(),
                List.of(new StreamRecord("1", "pk", event, START), new StreamRecord("2", "pk", event, START)), false));
        InvocationResult second = processor.process(new Invocation("shard-0", START, END, first.state(),
                List.of(new StreamRecord("3", "pk", event, START), new StreamRecord("4", "pk", withId("e-2"), START)),
                true));

        assertThat(second.output().summary().duplicates()).isEqualTo(2);
        assertThat(second.output().summary().events()).isEqualTo(2);
        assertThat(second.output().summary().userRecords()).isEqualTo(4);
    }

    private static byte[] withId(String eventId) {
        return ("{\"event_id\":\"" + eventId + "\",\"event_type\":\"click\",\"event_time\":\"2026-11-22T03:09:30Z\","
                + "\"session_id\":\"s\",\"page_url\":\"/\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCorruptAggregateIsOneBadRecordNotACrash() {
        byte[] corrupt = corruptAggregate();
        WindowProcessor processor = new WindowProcessor(READER, log, WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES);

        InvocationResult result = processor.process(new Invocation("shard-0", START, END, Map.of(),
                List.of(new StreamRecord("9", "pk", corrupt, START)), true));

        assertThat(result.firstFailedSequenceNumber()).isNull();
        assertThat(result.output().summary().badByReason()).containsEntry("CORRUPT_AGGREGATE", 1L);
    }

    /** Magic bytes, a body that is not protobuf, and the MD5 trailer that makes it look like a real aggregate. */
    private static byte[] corruptAggregate() {
        try {
            byte[] magic = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
            byte[] body = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(body);
            byte[] out = new byte[magic.length + body.length + digest.length];
            System.arraycopy(magic, 0, out, 0, 4);
            System.arraycopy(body, 0, out, 4, body.length);
            System.arraycopy(digest, 0, out, 4 + body.length, digest.length);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamRecord record(String sequenceNumber, String session) {
        return new StreamRecord(sequenceNumber, "pk", json(session, "2026-11-22T03:09:30Z"), START);
    }

    static byte[] json(String session, String eventTime) {
        return ("{\"event_id\":\"" + java.util.UUID.randomUUID() + "\",\"event_type\":\"page_view\",\"event_time\":\"" + eventTime
                + "\",\"session_id\":\"" + session + "\",\"page_url\":\"/home\"}").getBytes(StandardCharsets.UTF_8);
    }
}
