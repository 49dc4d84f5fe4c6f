package io.firelake.local.cli;

import io.firelake.config.cli.ConsoleOptions;
import io.firelake.local.console.ConsoleServer;
import io.firelake.local.console.PipelineConsole;
import io.firelake.local.console.ProducerGauge;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.producer.send.SendSummary;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** The local console for {@code demo} and {@code local up}: started, printed, opened in a browser when asked. */
final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    /** The running console, or null when {@code --console-port -1} or its port is taken (the pipeline runs anyway). */
    static ConsoleServer start(ConsoleOptions options, LocalPipeline pipeline, ProducerGauge producer, PrintWriter out) {
        if (!options.enabled()) {
            return null;
        }
        ConsoleServer console;
        try {
            console = PipelineConsole.serve(pipeline, options.port(), producer);
        } catch (IllegalStateException e) {
            out.println("  console not started: " + e.getMessage() + " (--console-port 0 picks a free port)");
            return null;
        }
        out.println("  console " + console.uri() + "  (live: rates, buffers, errors, lake, speed layer)");
        if (options.open()) {
            open(console.uri(), out);
        }
        out.flush();
        return console;
    }

    /** The producer's progress to the console every call, and to {@code printer} every {@code printEvery}. */
    static Consumer<SendSummary> feeding(ProducerGauge gauge, Consumer<SendSummary> printer, Duration printEvery) {
        long[] printed = {System.nanoTime()};
        return summary -> {
            gauge.sent(summary.delivered(), summary.deliveredBytes());
            if (System.nanoTime() - printed[0] >= printEvery.toNanos() - 100_000_000L) {
                printed[0] = System.nanoTime();
                printer.accept(summary);
            }
        };
    }

    private static void open(URI uri, PrintWriter out) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String[] command = os.contains("mac") ? new String[] {"open", uri.toString()}
                : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", uri.toString()}
                : new String[] {"xdg-open", uri.toString()};
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            out.println("  could not open a browser (" + e.getMessage() + "): open " + uri + " yourself");
        }
    }
}
