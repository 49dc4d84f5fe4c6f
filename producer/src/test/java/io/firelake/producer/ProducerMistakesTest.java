package io.firelake.producer;

import io.firelake.local.engines.Kinesalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's mistakes with the producer jar, each refused before anything is sent with a line that says what to do:
 * a usage error (exit 2) for options that cannot work, and a delivery stream asked of kinesalite named as such.
 */
class ProducerMistakesTest {

    private static Kinesalite kinesalite;

    @BeforeAll
    static void start() {
        kinesalite = Kinesalite.start();
    }

    @AfterAll
    static void stop() {
        kinesalite.close();
    }

    record Run(int exit, String err) {
    }

    /** The command's own stderr and System.err (where a run's summary and errors go), together. */
    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            int exit = ProducerCli.commandLine().setErr(new PrintWriter(capture, true)).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(previous);
        }
    }

    @Test
    void aFaultRateOverOneIsAUsageErrorNotACrash() {
        Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--fault-rate", "1.5");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: fault rates add up to 1.5", "Run 'firelake-producer generate --help'")
                .doesNotContain("FIRELAKE_DEBUG");
    }

    @Test
    void createStreamWithNoShardsIsAUsageErrorNotSilentlyIgnored() {
        Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5",
                "--stream", "zero-shards", "--create-stream", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: --create-stream takes the shards of the stream to create: 1 or more, not 0");
    }

    @Test
    void aDeliveryStreamAskedOfKinesaliteSaysTheEndpointDoesNotServeFirehose() {
        Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--quiet",
                "--delivery-stream", "firelake-direct");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("stopped sending", "does not serve Firehose", "http://127.0.0.1:4566");
    }

    @Test
    void undeliveredRecordsAreExplainedByTheFirstReasonNotOnlyAnErrorCode() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Run run = run("generate", "--endpoint", "http://127.0.0.1:" + closedPort, "--events", "3", "--quiet",
                "--max-attempts", "1");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("3 of 3 records were not delivered {ClientError=3}; the first: ",
                "Connection refused", "Run with --manifest FILE to list them.");
    }

    @Test
    void aMissingStreamSaysHowToCreateIt() {
        Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--quiet",
                "--stream", "not-created");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("ResourceNotFoundException", "not-created",
                "Create it with --create-stream SHARDS, or name another with --stream.");
    }

    @Test
    void aNegativeRateAndADirectoryToReplayAreUsageErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Run rate = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--rate", "-5");
        assertThat(rate.exit()).isEqualTo(2);
        assertThat(rate.err()).contains("error: --rate must be a number of records per second, not -5.0");
        Run replay = run("replay", dir.toString(), "--endpoint", kinesalite.endpoint().toString());
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains("error: " + dir + " is a directory: name a JSON lines file");
    }
}
