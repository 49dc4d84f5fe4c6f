package io.firelake.monitoring.cli;

import io.firelake.monitoring.aws.AwsClients;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.config.SamDefaults;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.lake.LocalLayout;
import io.firelake.monitoring.replay.ErrorReplayer;
import io.firelake.monitoring.replay.ReplayLedger;
import io.firelake.producer.kinesis.KinesisRecordSink;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SenderSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = "--source", paramLabel = "local|aws", description = "Where the error prefix is: local (the lake under --data-dir) or aws "
            + "(the delivery stream's S3 error prefix). Default: local.")
    MonitorCommand.Source source;

    @Option(names = "--stream", description = "The Kinesis stream to send to (default: the SAM template's StreamName).")
    String stream;

    @Option(names = "--delivery-stream", description = "With --source aws: whose error prefix to read (default: "
            + "the SAM template's DeliveryStreamName).")
    String deliveryStream;

    @Option(names = "--error-type", split = ",", defaultValue = ErrorDocument.PROCESSING_FAILED,
            description = "Error output types to replay, comma-separated (default: ${DEFAULT-VALUE}).")
    Set<String> errorTypes;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--ledger", description = "The replay ledger (default: <data-dir>/replay/ledger.jsonl).")
    Path ledgerFile;

    @Mixin
    AwsOptions aws;

    @Option(names = "--dry-run", description = "Show what would be replayed; send nothing, write no ledger.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SamDefaults sam = SamDefaults.load(SamDefaults.DEFAULT_TEMPLATE);
        LocalLayout layout = LocalLayout.of(dataDir.resolve());
        AwsClients clients = aws.clients();
        try {
            List<ErrorDocument> documents = read(clients, layout, sam).documents().stream()
                    .filter(d -> errorTypes.contains(d.errorOutputType())).toList();
            ReplayLedger ledger = ReplayLedger.open(ledgerFile != null ? ledgerFile : layout.replayLedger());
            if (dryRun) {
                long fresh = documents.stream().map(ErrorDocument::rawSha256).distinct()
                        .filter(sha -> !ledger.contains(sha)).count();
                out.println("replay-errors (dry run): " + documents.size() + " records in " + errorTypes + ", "
                        + fresh + " not replayed before");
                return 0;
            }
            String streamName = stream != null ? stream : sam.streamName();
            SenderSettings settings = SenderSettings.defaults();
            try (RecordSink sink = KinesisRecordSink.open(aws.endpoint, aws.region, streamName, settings)) {
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

    private ErrorDocuments read(AwsClients clients, LocalLayout layout, SamDefaults sam) throws IOException {
        if (source != MonitorCommand.Source.aws) {
            return new LocalLake(layout).errorDocuments();
        }
        String name = deliveryStream != null ? deliveryStream : sam.deliveryStreamName();
        try (var cloudWatch = clients.cloudWatch(); var firehose = clients.firehose(); var s3 = clients.s3()) {
            return new AwsMonitoringSource(cloudWatch, firehose, s3, name, Integer.MAX_VALUE)
                    .errorDocuments(Instant.EPOCH, Instant.now().plusSeconds(60));
        }
    }
}
