package io.firelake.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The transform jar's command line as a user runs it: a good request, a file that is not there, one that is not an event. */
class TransformCommandLineTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String stdin, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TransformCommandLine.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeExampleAnswersEveryRecordAndPassesTheCheck() throws IOException {
        Run run = run("", "--check", "src/test/resources/events/kinesis-batch.json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"records\"", "\"result\":\"Ok\"");
        assertThat(run.err()).contains("check passed");
    }

    @Test
    void aFileThatIsNotThereOrIsADirectoryIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        Run missing = run("", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("firelake-firehose-transform: no such file: " + dir.resolve("nope.json")
                + System.lineSeparator());
        Run directory = run("", dir.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("cannot read " + dir + ": it is a directory").doesNotContain("\tat ");
    }

    @Test
    void aRequestThatIsNoFirehoseEventIsExit2NotAnEmptyAnswerAndZero(@TempDir Path dir) throws IOException {
        Path notAnEvent = Files.writeString(dir.resolve("manifest.jsonl"), "{\"event_id\": \"x\"}\n");
        Run file = run("", notAnEvent.toString());
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).contains(notAnEvent + " is not a Firehose data-transformation request");
        Run stdin = run("");
        assertThat(stdin.exit()).isEqualTo(2);
        assertThat(stdin.err()).contains("standard input is not a Firehose data-transformation request");
    }
}
