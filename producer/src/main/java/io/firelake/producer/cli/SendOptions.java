package io.firelake.producer.cli;

import io.firelake.config.Durations;
import io.firelake.config.cli.DurationConverter;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.producer.ProducerRun;
import io.firelake.aws.retry.Backoff;
import io.firelake.producer.send.SenderSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how to send: shared by {@code generate} and {@code replay}. */
public final class SendOptions {

    @Option(names = "--stream", paramLabel = "NAME", defaultValue = ProducerRun.DEFAULT_STREAM,
            description = "Kinesis data stream to write to (default: ${DEFAULT-VALUE}, the SAM template's StreamName).")
    String stream;

    @Mixin
    EndpointOptions aws;

    @Option(names = "--create-stream", paramLabel = "SHARDS",
            description = "Create the stream with this many shards if it does not exist, and wait until it is ACTIVE.")
    int createShards;

    @Option(names = "--no-aggregation", negatable = false,
            description = "Send one Kinesis record per event instead of KPL aggregates (aggregation is on by default).")
    boolean noAggregation;

    @Option(names = "--rate", paramLabel = "N",
            description = "Send at most N records per second (default: as fast as the stream accepts).")
    double rate;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this wall time: " + Durations.GRAMMAR + ". With generate --start-time: the "
                    + "simulated span.")
    Duration duration;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + SenderSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "PutRecords requests in flight at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + SenderSettings.DEFAULT_MAX_ATTEMPTS,
            description = "Attempts per record before it is reported undeliverable (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--backoff-base", paramLabel = "TIME", converter = DurationConverter.class,
            description = "First retry waits up to this long (a duration as --duration), doubling each time, capped "
                    + "at 5s (default: 100ms).")
    Duration backoffBase;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Write one JSON line per record (event_id, payload_sha256, kind, partition_key, status, "
                    + "shard_id, sequence_number...) for reconciliation.")
    Path manifest;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the final summary as JSON.")
    Path summaryJson;

    @Option(names = {"-q", "--quiet"}, description = "No progress line; only the summary.")
    boolean quiet;

    SenderSettings senderSettings() {
        Backoff backoff = backoffBase == null ? SenderSettings.DEFAULT_BACKOFF : SenderSettings.backoff(backoffBase);
        return SenderSettings.defaults().withAggregation(!noAggregation).withMaxInFlight(maxInFlight)
                .withMaxAttempts(maxAttempts).withBackoff(backoff);
    }
}
