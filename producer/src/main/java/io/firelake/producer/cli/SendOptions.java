package io.firelake.producer.cli;

import io.firelake.config.Durations;
import io.firelake.config.cli.DurationConverter;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.producer.ProducerRun;
import io.firelake.aws.retry.Backoff;
import io.firelake.producer.send.SenderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and how to send: shared by {@code generate} and {@code replay}. */
public final class SendOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--stream", paramLabel = "NAME", defaultValue = ProducerRun.DEFAULT_STREAM,
            description = "Kinesis data stream to write to (default: ${DEFAULT-VALUE}, the SAM template's StreamName).")
    String stream;

    // Written here rather than config's DeliveryStreamOption: that one defaults to the SAM template's delivery stream,
    // which reads a Kinesis stream; here the option's presence is the choice of Direct PUT, so it has no default.
    @Option(names = "--delivery-stream", paramLabel = "NAME",
            description = "Send to this Firehose delivery stream instead, with PutRecordBatch (Direct PUT): up to 500 "
                    + "records and 4 MiB a call, only the failed records retried, no KPL aggregation (Firehose "
                    + "stores each record as it is); a record over 1,000 KiB is not sent and is listed in the "
                    + "manifest as failed (RecordTooLarge). The stream must be a Direct PUT one; one still CREATING "
                    + "is waited for until ACTIVE (up to 10 minutes, as Firehose asks), one that failed "
                    + "(CREATING_FAILED) or is DELETING stops the run with the reason. Not with --stream or "
                    + "--create-stream.")
    String deliveryStream;

    @Mixin
    EndpointOptions aws;

    @Option(names = "--create-stream", paramLabel = "SHARDS",
            description = "Create the stream with this many shards if it does not exist, and wait until it is ACTIVE.")
    int createShards;

    @Option(names = "--no-aggregation", negatable = false,
            description = "Send one Kinesis record per event instead of KPL aggregates (aggregation is on by default "
                    + "for a stream; never for a delivery stream).")
    boolean noAggregation;

    @Option(names = "--rate", paramLabel = "N",
            description = "Send at most N records per second (default: as fast as the stream accepts).")
    double rate;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this wall time: " + Durations.GRAMMAR + ". With generate --start-time: the "
                    + "simulated span.")
    Duration duration;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + SenderSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "PutRecords (or PutRecordBatch) requests in flight at once (default: ${DEFAULT-VALUE}).")
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
                    + "shard_id, sequence_number..., or record_id for a delivery stream) for reconciliation.")
    Path manifest;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the final summary as JSON.")
    Path summaryJson;

    @Option(names = {"-q", "--quiet"}, description = "No progress line; only the summary.")
    boolean quiet;

    /** The stream or the delivery stream, after checking the options that go with each. */
    Destination destination() {
        if (rate < 0) {
            throw new ParameterException(command.commandLine(), "--rate must be a number of records per second, not "
                    + rate);
        }
        requireWritable("--manifest", manifest);
        requireWritable("--summary-json", summaryJson);
        if (command.commandLine().getParseResult().hasMatchedOption("--create-stream") && createShards < 1) {
            throw new ParameterException(command.commandLine(), "--create-stream takes the shards of the stream to "
                    + "create: 1 or more, not " + createShards);
        }
        if (deliveryStream == null) {
            return Destination.stream(stream);
        }
        if (command.commandLine().getParseResult().hasMatchedOption("--stream")) {
            throw new ParameterException(command.commandLine(), "--stream and --delivery-stream are exclusive: send "
                    + "to a Kinesis stream (PutRecords) or to a Firehose Direct PUT delivery stream (PutRecordBatch)");
        }
        if (createShards > 0) {
            throw new ParameterException(command.commandLine(), "--create-stream creates a Kinesis stream; a delivery "
                    + "stream must exist before --delivery-stream sends to it (CreateDeliveryStream: the SAM template, "
                    + "or aws firehose create-delivery-stream; the producer then waits until it is ACTIVE)");
        }
        if (deliveryStream.isBlank()) {
            throw new ParameterException(command.commandLine(), "--delivery-stream needs a name");
        }
        return Destination.deliveryStream(deliveryStream);
    }

    /** A file to write must not be a directory, nor lie under a file (caught here, before anything is sent). */
    private void requireWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(command.commandLine(), option + " " + file + " is a directory: name a file");
        }
        for (Path parent = file.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new ParameterException(command.commandLine(), option + " " + file + ": " + parent
                            + " is a file, not a directory");
                }
                return;
            }
        }
    }

    SenderSettings senderSettings() {
        Backoff backoff = backoffBase == null ? SenderSettings.DEFAULT_BACKOFF : SenderSettings.backoff(backoffBase);
        return SenderSettings.defaults().withAggregation(!noAggregation).withMaxInFlight(maxInFlight)
                .withMaxAttempts(maxAttempts).withBackoff(backoff);
    }
}
