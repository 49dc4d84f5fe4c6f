package io.firelake.monitoring.cli;

import io.firelake.monitoring.accounting.Accountant;
import io.firelake.monitoring.accounting.AccountingReport;
import io.firelake.monitoring.accounting.DroppedRecordsReader;
import io.firelake.monitoring.accounting.LakeInventory;
import io.firelake.monitoring.accounting.ManifestEntry;
import io.firelake.monitoring.accounting.ManifestReader;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.lake.LocalLayout;
import io.firelake.monitoring.config.SamDefaults;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.source.local.MetricsFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
        footerHeading = "%nExample:%n",
        footer = "  firelake accounting --manifest .firelake/data/producer/manifest.jsonl --data-dir .firelake/data")
public final class AccountingCommand implements Callable<Integer> {
    /** The local Firehose's count of records the transform answered Dropped (not a CloudWatch metric). */
    public static final String DROPPED_PROCESSING_RECORDS = "DroppedProcessing.Records";
    public static final int EXIT_LOST = 1;
    public static final int EXIT_UNREADABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "FILE",
            description = "The producer's manifest: JSON lines with event_id, payload_sha256, kind.")
    Path manifest;

    @Option(names = "--data-dir", description = "The local runtime's data directory, holding the lake under "
            + "s3/<bucket>/ (default: $FIRELAKE_DATA_DIR or " + LocalPaths.DEFAULT_DATA_DIR + ").")
    Path dataDir;

    @Option(names = "--bucket", defaultValue = LocalLayout.DEFAULT_BUCKET,
            description = "The lake bucket (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--dropped-file", description = "Records the local Firehose dropped on purpose "
            + "(default: <data-dir>/firehose/dropped.jsonl).")
    Path droppedFile;

    @Option(names = "--delivery-stream", description = "Whose metrics tell how many records were dropped when no "
            + "--dropped-file exists (default: the SAM template's DeliveryStreamName).")
    String deliveryStream;

    @Option(names = "--metrics-file", description = "The local Firehose's metrics (default: "
            + "<data-dir>/metrics/firehose-<delivery-stream>.jsonl).")
    Path metricsFile;

    @Option(names = "--show-lost", defaultValue = "20", description = "How many lost events to name "
            + "(default: ${DEFAULT-VALUE}).")
    int showLost;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path data = LocalPaths.dataDir(dataDir);
        AccountingReport report;
        try {
            if (!Files.isRegularFile(manifest)) {
                err.println("firelake accounting: no manifest at " + manifest);
                return EXIT_UNREADABLE;
            }
            List<ManifestEntry> entries = new ManifestReader().read(manifest);
            LocalLake lake = new LocalLake(new LocalLayout(data, bucket));
            if (!Files.isDirectory(lake.layout().lakeRoot())) {
                err.println("firelake accounting: warning: no lake at " + lake.layout().lakeRoot());
            }
            report = new Accountant().reconcile(entries, inventory(lake, data));
        } catch (IOException e) {
            err.println("firelake accounting: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
        report.outcomeByKind().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
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

    private LakeInventory inventory(LocalLake lake, Path data) throws IOException {
        Map<String, Integer> failed = new HashMap<>();
        ErrorDocuments errors = lake.errorDocuments();
        for (ErrorDocument doc : errors.documents()) {
            failed.merge(doc.rawSha256(), 1, Integer::sum);
        }
        Path dropped = droppedFile != null ? droppedFile : LocalPaths.droppedFile(data);
        if (Files.exists(dropped)) {
            return new LakeInventory(lake.eventIdCounts(), failed, new DroppedRecordsReader().read(dropped));
        }
        String name = deliveryStream != null ? deliveryStream
                : SamDefaults.load(SamDefaults.DEFAULT_TEMPLATE).deliveryStreamName();
        Path metrics = metricsFile != null ? metricsFile : LocalPaths.metricsFile(data, name);
        long droppedCount = Math.round(new MetricsFileReader().read(metrics, name).points().stream()
                .filter(p -> p.name().equals(DROPPED_PROCESSING_RECORDS)).mapToDouble(MetricPoint::value).sum());
        return new LakeInventory(lake.eventIdCounts(), failed, Map.of(), droppedCount);
    }
}
