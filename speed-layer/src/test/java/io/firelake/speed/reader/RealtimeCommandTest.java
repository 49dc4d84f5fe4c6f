package io.firelake.speed.reader;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code firelake realtime} with nothing to read: what a newcomer sees right after {@code ./firelake demo}. */
class RealtimeCommandTest {

    @Test
    void withNoPipelineAndNoRegionItSaysHowToStartOneInsteadOfTheSdksRegionError() {
        assumeTrue(System.getenv("AWS_ENDPOINT_URL") == null, "an endpoint is set in the environment");
        assumeTrue(!RealtimeCommand.regionConfigured(), "a region is configured on this machine");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RealtimeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute();
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no local pipeline is running")
                .contains("./firelake local up --detach").contains("what the last demo left")
                .contains("--region REGION").doesNotContain("Unable to load region");
        assertThat(out.toString()).isEmpty();
    }
}
