package io.firelake.local.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./firelake demo}, the README's first command, run whole at a demo's size (20,000 events with faults), then the
 * newcomer's next commands on what it left. The speed layer's window is 2 s instead of 60 (a demo option the output
 * names; Lambda allows 1 to 900 s), so the run waits 2 s, not a minute, for the last window to close.
 */
class DemoRunTest {

    private static final Pattern ACCOUNTING = Pattern.compile(
            "accounting: produced=(\\d+) delivered=(\\d+) dropped=(\\d+) failed=(\\d+) duplicates=(\\d+) lost=(\\d+)");

    @Test
    void aDemoOfTwentyThousandEventsWithFaultsAccountsForEveryEventAndTheNextCommandsWork(@TempDir Path data)
            throws Exception {
        FirelakeCliTest.Run demo = FirelakeCliTest.run("demo", "--events", "20000", "--fault-rate", "0.02",
                "--speed-window-seconds", "2", "--aws-port", "0", "--console-port", "0", "--data-dir", data.toString());
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("speed-layer window 2 s (--speed-window-seconds)")
                .contains("waiting for the speed layer's last 2 s tumbling window to close...")
                .containsPattern("  closed in \\d+\\.\\d s")
                .containsPattern("failed +[\\d,]+ records under .*: processing-failed [\\d,]+.*; by error code "
                        + ".*Lambda\\.ProcessingFailed [\\d,]+")
                .containsPattern("speed layer [\\d,]+ events counted")
                .contains("  malformed_json: ").contains("  invalid_utf8: ")
                .containsPattern("  console http://127\\.0\\.0\\.1:\\d+/");
        Matcher line = ACCOUNTING.matcher(demo.out());
        assertThat(line.find()).as("the accounting line").isTrue();
        long produced = Long.parseLong(line.group(1));
        long delivered = Long.parseLong(line.group(2));
        long dropped = Long.parseLong(line.group(3));
        long failed = Long.parseLong(line.group(4));
        assertThat(line.group(6)).isEqualTo("0");
        assertThat(produced).isBetween(19_000L, 20_000L); // producer-side duplicates are one event each
        assertThat(delivered + dropped + failed).isEqualTo(produced);
        assertThat(failed).isPositive();
        // Failures by reason: every faulty kind of record failed, nothing else did, and they add up to failed=.
        Matcher kinds = Pattern.compile("(?m)^  ([a-z0-9_]+): \\{(.*)}$").matcher(demo.out());
        long failedByKind = 0;
        while (kinds.find()) {
            String kind = kinds.group(1);
            String outcome = kinds.group(2);
            if (List.of("malformed_json", "invalid_utf8", "missing_field", "wrong_type", "oversized").contains(kind)) {
                assertThat(outcome).as(kind).matches("failed=\\d+");
                failedByKind += Long.parseLong(outcome.substring("failed=".length()));
            } else {
                assertThat(outcome).as(kind).matches("delivered=\\d+");
            }
        }
        assertThat(failedByKind).isEqualTo(failed);
        // The speed layer skipped as bad exactly the records the Firehose failed.
        assertThat(demo.out()).contains(String.format(java.util.Locale.ROOT, "%,d bad records skipped", failed));
        assertThat(Files.isRegularFile(data.resolve("demo/manifest.jsonl"))).isTrue();

        // The newcomer's second command: accounting without --manifest reads the demo's.
        FirelakeCliTest.Run accounting = FirelakeCliTest.run("accounting", "--data-dir", data.toString());
        assertThat(accounting.exit()).as(accounting.err()).isZero();
        assertThat(accounting.out().strip()).endsWith(line.group());

        // Reports before batch: the views are empty, and the output says why and what to run.
        FirelakeCliTest.Run report = FirelakeCliTest.run("report", "--all", "--data-dir", data.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("firelake batch has not run").contains("run ./firelake batch");
    }
}
