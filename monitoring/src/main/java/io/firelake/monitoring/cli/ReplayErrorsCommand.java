package io.firelake.monitoring.cli;

import io.firelake.config.cli.DataDirOption;
import io.firelake.config.cli.DeliveryStreamOption;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.Source;
import io.firelake.config.cli.StreamOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.aws.AwsClients;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.replay.ErrorReplayer;
import io.firelake.monitoring.replay.ReplayLedger;
import io.firelake.producer.kinesis.KinesisRecordSink;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SenderSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code firelake replay-errors}: send failed records back through the pipeline, once each. */
@Command(name = "replay-errors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Re-drives the records in the error prefix into the Kinesis stream with PutRecords, after the cause "
                        + "was fixed (a transform bug, a schema change). Each record is sent once: what was sent is "
                        + "written to a ledger under the data directory (keyed by the sha256 of the record), and a "
                        + "second run skips it. Should a crash resend a record, the batch layer's de-duplication by "
                        + "event_id keeps one copy.",
                "Only processing-failed records are replayed by default: format-conversion-failed rawData is the "
                        + "transform's output, not what the producer sent.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every selected record was sent or had been already", "1:some records were rejected "
                + "or could not be decoded (they stay out of the ledger; run again)", "3:could not read or send"},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake replay-errors --endpoint http://127.0.0.1:4567 --dry-run",
                "  firelake replay-errors --endpoint http://127.0.0.1:4567",
                "  firelake replay-errors --source aws --stream firelake-events \\",
                "                         --delivery-stream firelake-delivery"})
public final class ReplayErrorsCommand implements Callable<Integer> {
    public static final int EXIT_INCOMPLETE = 1;
    public static final int EXIT_UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "local|aws", description = "Where the error prefix is: local (the lake "
            + "under --data-dir) or aws (the S3 error prefix of --delivery-stream). Default: local.")
    Source source;

    @Mixin
    StreamOption stream;

    @Mixin
    DeliveryStreamOption deliveryStream;

    @Option(names = "--error-type", split = ",", defaultValue = ErrorDocument.PROCESSING_FAILED,
            description = "Error output types to replay, comma-separated: processing-failed, "
                    + "format-conversion-failed, partitioning-failed (default: ${DEFAULT-VALUE}).")
    Set<String> errorTypes;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--ledger", description = "The replay ledger (default: <data-dir>/replay/ledger.jsonl).")
    Path ledgerFile;

    @Mixin
    EndpointOptions aws;

    @Option(names = "--dry-run", description = "Show what would be replayed; send nothing, write no ledger.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String type : errorTypes) {
            if (!ErrorDocument.S3_ERROR_OUTPUT_TYPES.contains(type)) {
                throw new ParameterException(spec.commandLine(), "--error-type " + type + " is not an "
                        + "error output type of Firehose's S3 destination: " + ErrorDocument.S3_ERROR_OUTPUT_TYPES);
            }
        }
        DataLayout layout = dataDir.layout();
        if (source != Source.aws && !Files.isDirectory(layout.lakeDir())) {
            err.println("firelake replay-errors: no lake at " + layout.lakeDir() + ": run the local pipeline first, "
                    + "or point --data-dir at one");
            return EXIT_UNREADABLE;
        }
        AwsClients clients = MonitorCommand.clients(aws);
        try {
            List<ErrorDocument> documents = read(clients, layout).documents().stream()
                    .filter(d -> errorTypes.contains(d.errorOutputType())).toList();
            ReplayLedger ledger = ReplayLedger.open(ledgerFile != null ? ledgerFile : layout.replayLedger());
            if (dryRun) {
                long fresh = documents.stream().map(ErrorDocument::rawSha256).distinct()
                        .filter(sha -> !ledger.contains(sha)).count();
                out.println("replay-errors (dry run): " + documents.size() + " records in " + errorTypes + ", "
                        + fresh + " not replayed before");
                return 0;
            }
            String streamName = stream.resolve();
            SenderSettings settings = SenderSettings.defaults();
            try (RecordSink sink = KinesisRecordSink.open(aws.endpoint().orElse(null), aws.region().orElse(null),
                    streamName, settings)) {
                ErrorReplayer.Result result = new ErrorReplayer(sink, settings, ledger, Clock.systemUTC())
                        .replay(documents);
                out.println(result.line() + " stream=" + streamName + " ledger=" + ledger.file());
                return result.rejected() + result.undecodable() > 0 ? EXIT_INCOMPLETE : 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("firelake replay-errors: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
    }

    private ErrorDocuments read(AwsClients clients, DataLayout layout) throws IOException {
        if (source != Source.aws) {
            return new LocalLake(layout).errorDocuments();
        }
        String name = deliveryStream.resolve();
        try (var cloudWatch = clients.cloudWatch(); var firehose = clients.firehose(); var s3 = clients.s3()) {
            return new AwsMonitoringSource(cloudWatch, firehose, s3, name, Integer.MAX_VALUE)
                    .errorDocuments(Instant.EPOCH, Instant.now().plusSeconds(60));
        }
    }
}
