package io.firelake.benchmarks.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.producer.generate.ClickstreamSimulator;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.model.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid clickstream events from the producer's simulator (5,000 users, sessions interleaved, keyed by session id), each
 * made exactly {@value #DEFAULT_BYTES} bytes by trimming or padding its search text: the throughput benchmarks' unit,
 * so that records/s and MB/s convert into each other.
 */
public final class FixedSizeEvents {

    public static final int DEFAULT_BYTES = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FixedSizeEvents() {
    }

    /** {@code count} events of {@value #DEFAULT_BYTES} bytes, the same for every run. */
    public static List<ProducerRecord> clickstream(int count) {
        ClickstreamSimulator simulator = new ClickstreamSimulator(new SimulationSettings(2026, 5000, count, null,
                null, FaultRates.none(), 0.05, Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC)));
        List<ProducerRecord> out = new ArrayList<>(count);
        while (simulator.hasNext()) {
            ProducerRecord record = simulator.next();
            out.add(new ProducerRecord(exactly(record.data()), record.partitionKey(), record.kind(), record.eventId()));
        }
        return out;
    }

    private static byte[] exactly(byte[] event) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event);
            node.remove("search_query");
            byte[] base = JSON.writeValueAsBytes(node);
            for (String optional : new String[]{"user_agent", "referrer"}) {
                if (base.length + 20 > DEFAULT_BYTES) {
                    node.remove(optional);
                    base = JSON.writeValueAsBytes(node);
                }
            }
            int padding = DEFAULT_BYTES - base.length - ",\"search_query\":\"\"".length();
            node.put("search_query", "q".repeat(Math.max(0, padding)));
            byte[] out = JSON.writeValueAsBytes(node);
            if (out.length != DEFAULT_BYTES) {
                throw new IllegalStateException("event of " + out.length + " bytes: "
                        + new String(out, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
