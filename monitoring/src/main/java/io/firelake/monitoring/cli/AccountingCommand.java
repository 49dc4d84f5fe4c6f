package io.firelake.monitoring.cli;

import io.firelake.config.cli.ContractOption;
import io.firelake.config.cli.DataDirOption;
import io.firelake.config.cli.DeliveryStreamOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.accounting.AccountingReport;
import io.firelake.monitoring.accounting.LocalAccounting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code firelake accounting}: every event the producer sent is delivered, dropped, failed, or named as lost. */
@Command(name = "accounting", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Reconciles the producer's manifest with the lake, record by record: an event is delivered when its "
                        + "event_id is in the raw Parquet, failed when its payload is in the error prefix (matched by "
                        + "sha256 of rawData), dropped when the local Firehose dropped it on purpose (health-check "
                        + "pings), and lost otherwise. Extra copies of delivered events are duplicates.",
                "The last line is always: accounting: produced=N delivered=D dropped=X failed=F duplicates=U lost=L",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing lost", "1:events lost (named on standard error)",
                "3:the manifest or the lake could not be read"},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake accounting                   # after ./firelake demo: its manifest",
                "  # after firelake generate --manifest target/manifest.jsonl",
                "  firelake accounting --manifest target/manifest.jsonl"})
public final class AccountingCommand implements Callable<Integer> {
    public static final int EXIT_LOST = 1;
    public static final int EXIT_UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The producer's manifest: JSON lines with event_id, payload_sha256, kind "
                    + "(default: the last demo's, <data-dir>/demo/manifest.jsonl).")
    Path manifest;

    @Mixin
    DataDirOption dataDir;
    @Mixin
    ContractOption contract;

    @Option(names = "--bucket", paramLabel = "NAME", defaultValue = DataLayout.LAKE_BUCKET,
            description = "The lake bucket, under <data-dir>/s3/ (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--dropped-file", paramLabel = "FILE", description = "Records the local Firehose dropped on "
            + "purpose (default: <data-dir>/firehose/dropped.jsonl). Without it, the DroppedProcessing "
            + "metric of --delivery-stream counts them.")
    Path droppedFile;

    @Mixin
    DeliveryStreamOption deliveryStream;

    @Mixin
    MetricsFileOption metricsFile;

    @Option(names = "--show-lost", defaultValue = "20", description = "How many lost events to name "
            + "(default: ${DEFAULT-VALUE}).")
    int showLost;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (showLost < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--show-lost must not be negative");
        }
        AccountingReport report;
        try {
            DataLayout layout = dataDir.layout().withBucket(bucket);
            Path manifest = this.manifest != null ? this.manifest : layout.demoManifest();
            if (Files.isDirectory(manifest)) {
                err.println("firelake accounting: " + manifest + " is a directory, not a manifest file");
                return EXIT_UNREADABLE;
            }
            if (!Files.isRegularFile(manifest)) {
                err.println("firelake accounting: no manifest at " + manifest + (this.manifest != null ? ""
                        : ": run ./firelake demo first, or name a producer's manifest with --manifest FILE"));
                return EXIT_UNREADABLE;
            }
            if (!Files.isDirectory(layout.lakeDir())) {
                err.println("firelake accounting: warning: no lake at " + layout.lakeDir());
            }
            report = LocalAccounting.reconcile(manifest, layout, deliveryStream.resolve(),
                    droppedFile != null ? droppedFile : layout.droppedFile(),
                    metricsFile.resolve(layout));
        } catch (IOException e) {
            err.println("firelake accounting: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
        report.outcomeByKind().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
        if (report.resends() > 0) {
            out.println("  records that re-sent an event already sent (one event each; extra lake copies count as "
                    + "duplicates): " + report.resends());
        }
        if (report.notAcceptedByStream() > 0) {
            out.println("  not accepted by the stream (the producer reported them failed, not counted as produced): "
                    + report.notAcceptedByStream());
        }
        if (report.lost() > 0) {
            err.println("firelake accounting: " + report.lostSummary(showLost));
        }
        out.println(report.line());
        out.flush();
        err.flush();
        return report.lost() > 0 ? EXIT_LOST : 0;
    }
}
