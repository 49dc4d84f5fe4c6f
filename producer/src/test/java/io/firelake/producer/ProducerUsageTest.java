package io.firelake.producer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes the producer jar refuses before it connects anywhere: one line and exit 2, as {@code firelake}'s. */
class ProducerUsageTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ProducerCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void noCommandIsAUsageErrorNotTheUsageAndSuccess() {
        Run run = run();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: give a command: generate or replay")
                .contains("Run 'firelake-producer --help' for the options.").doesNotContain("Usage:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aManifestUnderAFileIsAUsageErrorThatNamesTheFile(@TempDir Path tmp) throws Exception {
        Path file = Files.createFile(tmp.resolve("a-file"));
        Run run = run("generate", "--endpoint", "http://127.0.0.1:1", "--events", "1", "--quiet",
                "--manifest", file.resolve("m.jsonl").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --manifest " + file.resolve("m.jsonl") + ": " + file
                + " is a file, not a directory").doesNotContain("FIRELAKE_DEBUG");

        Run directory = run("generate", "--endpoint", "http://127.0.0.1:1", "--events", "1", "--quiet",
                "--summary-json", tmp.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).startsWith("error: --summary-json " + tmp + " is a directory: name a file");
    }

    /** No region anywhere (the SDK's chain: aws.region, AWS_REGION, the config file, EC2's metadata) is a usage error. */
    @Test
    void noRegionIsAUsageErrorThatSaysHowToSetIt(@TempDir Path tmp) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null
                && System.getProperty("aws.region") == null, "a region is configured in this environment");
        System.setProperty("aws.configFile", tmp.resolve("no-aws-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            Run run = run("generate", "--events", "1", "--quiet");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: no AWS region configured: pass --region REGION or set AWS_REGION")
                    .contains("Run 'firelake-producer generate --help' for the options.")
                    .doesNotContain("FIRELAKE_DEBUG");
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.disableEc2Metadata");
        }
    }
}
