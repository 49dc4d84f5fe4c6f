package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.cli.ReplayErrorsCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;

/**
 * {@code POST /api/replay}: runs {@code firelake replay-errors} against the running stream, exactly as on the command
 * line (its ledger makes a second click replay nothing twice), and answers with its exit code and output.
 */
final class ReplayAction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataLayout layout;
    private final URI kinesisEndpoint;
    private final String streamName;

    ReplayAction(DataLayout layout, URI kinesisEndpoint, String streamName) {
        this.layout = layout;
        this.kinesisEndpoint = kinesisEndpoint;
        this.streamName = streamName;
    }

    synchronized ObjectNode replay() {
        String[] args = {"--data-dir", layout.dataDir().toString(), "--endpoint", kinesisEndpoint.toString(),
                "--stream", streamName};
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new ReplayErrorsCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true)).execute(args);
        return JSON.createObjectNode().put("command", "firelake replay-errors " + String.join(" ", args))
                .put("exitCode", exit).put("output", out.toString().trim());
    }
}
