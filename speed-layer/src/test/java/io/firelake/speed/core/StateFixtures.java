package io.firelake.speed.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Window state maps as Lambda hands them over, from {@code src/test/resources/state/}. */
public final class StateFixtures {

    private StateFixtures() {
    }

    /**
     * Layout 1, written by the handler before DataSketches (commit 7fb1d0a) after the fixture batches
     * {@code window-batch-1.json} and {@code window-batch-2-with-bad-records.json}: shard shardId-000000000000, window
     * 2026-11-22T03:09:00Z to 03:10:00Z, 10 Kinesis records, 6 events in two minutes, 3 bad records, 1 health check.
     */
    public static Map<String, String> layoutOne() {
        return read("/state/window-state-v1.json");
    }

    /**
     * Layout 2 (counters by position: event types by enum ordinal), written by the handler before the aggregates were
     * declared (commit ff7b640) after the same two fixture batches.
     */
    public static Map<String, String> layoutTwo() {
        return read("/state/window-state-v2.json");
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = StateFixtures.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
