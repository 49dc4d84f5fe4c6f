package io.firelake.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.firelake.producer.model.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same events across versions, not only within one run: the SHA-256 of the first 10,000
 * records for seed 42 (payload, partition key, kind and event id of each), as computed before the simulator was split
 * into its sessions, journeys and faults. A change to any random draw, its order or the JSON written changes them.
 */
class SimulatorGoldenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static String digest(SimulationSettings settings) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ClickstreamSimulator simulator = new ClickstreamSimulator(settings);
        while (simulator.hasNext()) {
            ProducerRecord record = simulator.next();
            sha.update(record.data());
            sha.update((byte) 0);
            sha.update((record.partitionKey() + "\0" + record.kind() + "\0" + record.eventId() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void validEventsOfSeed42() throws Exception {
        assertThat(digest(new SimulationSettings(42, 1000, 10_000, null, null, FaultRates.none(), 0.05, CLOCK)))
                .isEqualTo("b555fbfba2165a93d727177d5e93e1edcf3761f3d8597e3aaeca3b0980488ecb");
    }

    @Test
    void everyFaultKindOfSeed42() throws Exception {
        assertThat(digest(new SimulationSettings(42, 1000, 10_000, null, null, FaultRates.combined(0.1), 0.05,
                CLOCK))).isEqualTo("2856d0be0d56449726f887e18d0582cff0ae6e447b3c98bf151d4397297cc2e5");
    }

    @Test
    void historyModeOfSeed42() throws Exception {
        assertThat(digest(new SimulationSettings(42, 1000, 10_000, Instant.parse("2026-11-01T00:00:00Z"),
                Duration.ofDays(7), FaultRates.combined(0.05), 0.05, CLOCK)))
                .isEqualTo("5d0bf2406945173c8928eb2f66298ad8879c208e74c3fe9cc81bc3d2d231850b");
    }
}
