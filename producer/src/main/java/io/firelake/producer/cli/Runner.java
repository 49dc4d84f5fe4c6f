package io.firelake.producer.cli;

import io.firelake.producer.ProducerRun;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.model.ProducerRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;

/** Runs a source through the sender with the shared options, prints progress and the summary, picks the exit code. */
final class Runner {

    static final int EXIT_OK = 0;
    static final int EXIT_UNDELIVERED = 3;

    private Runner() {
    }

    static int run(SendOptions options, Iterator<ProducerRecord> source, long total, Duration wallLimit,
                   PrintStream out, PrintStream err) throws InterruptedException {
        boolean terminal = System.console() != null;
        Destination destination = options.destination();
        boolean aggregation = !options.noAggregation && destination.api().aggregation();
        ProducerRun.Builder builder = ProducerRun.builder()
                .endpoint(options.aws.endpoint().orElse(null))
                .region(options.aws.region().orElse(null));
        if (destination.deliveryStream()) {
            builder.deliveryStream(destination.name());
        } else {
            builder.stream(destination.name()).createStreamIfMissing(options.createShards);
        }
        builder.source(source)
                .settings(options.senderSettings())
                .rate(options.rate)
                .duration(wallLimit)
                .manifest(options.manifest);
        FirstFailure firstFailure = new FirstFailure();
        builder.listener(firstFailure);
        if (!options.quiet) {
            builder.progress(summary -> {
                if (terminal) {
                    err.print("\r" + Reporting.progressLine(summary, total, destination) + "   ");
                } else {
                    err.println(Reporting.progressLine(summary, total, destination));
                }
                err.flush();
            }, terminal ? Duration.ofMillis(500) : Duration.ofSeconds(10));
        }
        ProducerResult result = builder.build().run();
        if (!options.quiet && terminal) {
            err.println();
        }
        Reporting.printSummary(out, result, destination, aggregation);
        if (options.summaryJson != null) {
            Reporting.writeJson(options.summaryJson, result, destination, aggregation);
        }
        if (!result.complete()) {
            long missing = result.summary().records() - result.summary().delivered();
            if (missing > 0) {
                err.printf("error: %,d of %,d records were not delivered %s%s. %s%n", missing,
                        result.summary().records(), result.summary().failuresByCode(),
                        firstFailure.reason().map(reason -> "; the first: " + reason).orElse(""),
                        options.manifest != null ? "Each is in " + options.manifest + " with status \"failed\" and "
                                + "its error." : "Run with --manifest FILE to list them.");
            }
            if (result.abortReason() != null) {
                boolean notFound = result.abortReason().contains("ResourceNotFoundException");
                err.println("error: " + result.abortReason() + (!notFound ? "" : destination.deliveryStream()
                        ? " Create the delivery stream first (docs/producer.md, Direct PUT)."
                        : " Create it with --create-stream SHARDS, or name another with --stream."));
            }
            return EXIT_UNDELIVERED;
        }
        return EXIT_OK;
    }
}
