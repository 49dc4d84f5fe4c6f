package io.firelake.local.cli;

import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety as a user would test it: {@code kill -9} of {@code local up} while the local Firehose holds records it
 * has read but not delivered (its S3 buffers wait 300 s), then {@code local up} again and {@code local down}: every
 * event the producer sent is accounted for, {@code lost=0} (duplicates allowed: at least once).
 */
class KillNineRestartTest {

    private static final int EVENTS = 3_000;

    @TempDir
    Path data;

    @AfterEach
    void stopWhatIsLeft() {
        RuntimeState.read(data).flatMap(s -> ProcessHandle.of(s.pid())).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aKillNineMidStreamThenARestartLosesNothing() throws Exception {
        LocalUpDownTest.upInTheBackground(data);
        RuntimeState first = RuntimeState.read(data).orElseThrow();
        Path manifest = data.resolve("kill-nine-manifest.jsonl");
        var sent = ProducerRun.builder().endpoint(URI.create(first.kinesisEndpoint())).stream(first.streamName())
                .simulate(SimulationSettings.live(11, EVENTS).withFaults(FaultRates.none()))
                .manifest(manifest)
                .build().run().summary();
        assertThat(sent.delivered()).isEqualTo(EVENTS);
        LocalUpDownTest.awaitIncomingRecords(data, EVENTS, Duration.ofMinutes(2));

        ProcessHandle process = ProcessHandle.of(first.pid()).orElseThrow();
        assertThat(process.destroyForcibly()).as("SIGKILL sent").isTrue();
        assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(LocalUpDownTest.rowsInTheLake(data)).as("read but still buffered when killed").isLessThan(EVENTS);

        LocalUpDownTest.upInTheBackground(data);
        RuntimeState second = RuntimeState.read(data).orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        FirelakeCliTest.Run down = FirelakeCliTest.run("local", "down", "--data-dir", data.toString());
        assertThat(down.exit()).as(down.out() + down.err()).isZero();

        FirelakeCliTest.Run accounting = FirelakeCliTest.run("accounting", "--manifest", manifest.toString(),
                "--data-dir", data.toString());
        assertThat(accounting.exit()).as(accounting.out() + accounting.err()).isZero();
        assertThat(accounting.out()).containsPattern("accounting: produced=" + EVENTS + " delivered=" + EVENTS
                + " dropped=0 failed=0 duplicates=\\d+ lost=0");
    }
}
