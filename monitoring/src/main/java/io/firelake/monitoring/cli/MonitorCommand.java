package io.firelake.monitoring.cli;

import io.firelake.monitoring.Monitor;
import io.firelake.monitoring.aws.AwsClients;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.config.Durations;
import io.firelake.monitoring.config.SamDefaults;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ReasonClassifier;
import io.firelake.monitoring.errors.TransformReasonClassifier;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthThresholds;
import io.firelake.monitoring.health.Verdict;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.lake.LocalLayout;
import io.firelake.monitoring.report.HtmlReport;
import io.firelake.monitoring.report.MonitorSnapshot;
import io.firelake.monitoring.report.TextReport;
import io.firelake.monitoring.source.MonitoringSource;
import io.firelake.monitoring.source.local.LocalMonitoringSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.metrics.MetricsWindow;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code firelake monitor}: is the delivery stream healthy, fresh and complete? */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Judges a Firehose delivery stream from its metrics, its status and its error prefix, and prints the "
                        + "verdict (healthy, degraded, failing) with the reason for each check.",
                "Locally it reads the local Firehose's metrics file and the lake under the data directory; with "
                        + "--source aws (or --endpoint) it reads CloudWatch, DescribeDeliveryStream and S3.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy", "1:degraded (see --degraded-exit-code)", "2:failing",
                "3:could not read the metrics or the lake"},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake monitor                        # the local pipeline, last hour",
                "  firelake monitor --since 15m --watch    # refresh on the terminal",
                "  firelake monitor --html report.html     # charts, readable offline",
                "  firelake monitor --source aws --delivery-stream firelake-delivery \\",
                "                   --region eu-west-1     # CloudWatch, Firehose, S3"})
public final class MonitorCommand implements Callable<Integer> {
    public static final int EXIT_FAILING = 2;
    public static final int EXIT_UNREADABLE = 3;

    public enum Source { local, aws }

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "local|aws", description = "local or aws (default: local, or aws when --endpoint or --region "
            + "is given).")
    Source source;

    @Option(names = "--stream", description = "The Kinesis stream the delivery stream reads (default: the SAM "
            + "template's StreamName). Shown in the report.")
    String stream;

    @Option(names = "--delivery-stream", description = "The delivery stream to judge (default: the SAM template's "
            + "DeliveryStreamName).")
    String deliveryStream;

    @Option(names = "--since", defaultValue = "1h", description = "How far back to look: 90s, 15m, 1h, 2d "
            + "(default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--watch", description = "Redraw the report every --interval on the terminal until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "10s", description = "Refresh interval with --watch "
            + "(default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--iterations", hidden = true, defaultValue = "0", description = "Stop --watch after N looks.")
    int iterations;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with "
            + "charts of the metrics over time.")
    Path html;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    MetricsFileOption metricsFile;

    @Mixin
    AwsOptions aws;

    @Option(names = "--buffer-interval", paramLabel = "SECONDS", description = "The S3 buffer interval freshness "
            + "is judged against (default: the SAM template's S3BufferIntervalSeconds, else 300).")
    Integer bufferInterval;

    @Option(names = "--min-processing-success", defaultValue = "0.99", description = "Lambda invocation success "
            + "rate below this is degraded; below 0.9 failing (default: ${DEFAULT-VALUE}).")
    double minProcessingSuccess;

    @Option(names = "--min-delivery-success", defaultValue = "0.99", description = "S3 put success rate below "
            + "this is degraded; below 0.9 failing (default: ${DEFAULT-VALUE}).")
    double minDeliverySuccess;

    @Option(names = "--max-failed-ratio", defaultValue = "0.25", description = "Failed records (error prefix, "
            + "conversion) over incoming above this is failing; any is degraded (default: ${DEFAULT-VALUE}).")
    double maxFailedRatio;

    @Option(names = "--no-data", defaultValue = "degraded", description = "Verdict when nothing came in during "
            + "the window: healthy, degraded or failing (default: ${DEFAULT-VALUE}).")
    String noData;

    @Option(names = "--degraded-exit-code", defaultValue = "1", description = "Exit code for a degraded verdict; "
            + "0 lets a scheduler pass on degraded (default: ${DEFAULT-VALUE}).")
    int degradedExitCode;

    /** Reasons recomputed with the transform's validator; a caller with its own event contract may swap it. */
    private ReasonClassifier classifier;

    public MonitorCommand withReasonClassifier(ReasonClassifier classifier) {
        this.classifier = classifier;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SamDefaults sam = SamDefaults.load(SamDefaults.DEFAULT_TEMPLATE);
        String deliveryStreamName = deliveryStream != null ? deliveryStream : sam.deliveryStreamName();
        Duration window;
        Duration refresh;
        HealthThresholds thresholds;
        try {
            window = Durations.parse(since);
            refresh = Durations.parse(interval);
            thresholds = thresholds(sam);
        } catch (IllegalArgumentException badOption) {
            throw new CommandLine.ParameterException(spec.commandLine(), badOption.getMessage());
        }
        try (MonitoringSource monitoringSource = openSource(deliveryStreamName)) {
            Monitor monitor = new Monitor(monitoringSource, new HealthEvaluator(thresholds),
                    new ErrorSummarizer(classifier != null ? classifier : TransformReasonClassifier.clickstream()),
                    Clock.systemUTC());
            int looks = 0;
            while (true) {
                MonitorSnapshot snapshot;
                try {
                    snapshot = monitor.look(window);
                } catch (IOException | RuntimeException e) {
                    err.println("firelake monitor: cannot read " + deliveryStreamName + ": " + e.getMessage());
                    if (!watch) {
                        return EXIT_UNREADABLE;
                    }
                    snapshot = null;
                }
                if (snapshot != null) {
                    if (watch && System.console() != null) {
                        out.print("\033[H\033[2J");
                    }
                    String expected = stream != null ? stream : sam.streamName();
                    out.println("stream " + expected + " -> " + deliveryStreamName);
                    snapshot.state().sourceStream().filter(actual -> stream != null && !actual.equals(stream))
                            .ifPresent(actual -> out.println("warning: " + deliveryStreamName + " reads " + actual
                                    + ", not " + stream));
                    out.print(new TextReport().render(snapshot));
                    if (html != null) {
                        writeHtml(snapshot);
                        out.println("\nHTML report: " + html.toAbsolutePath());
                    }
                    out.flush();
                }
                looks++;
                if (!watch || (iterations > 0 && looks >= iterations)) {
                    return snapshot == null ? EXIT_UNREADABLE : exitCode(snapshot.health().verdict());
                }
                Thread.sleep(refresh.toMillis());
            }
        }
    }

    private void writeHtml(MonitorSnapshot snapshot) throws IOException {
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(html, new HtmlReport().render(snapshot), StandardCharsets.UTF_8);
    }

    int exitCode(Verdict verdict) {
        return switch (verdict) {
            case HEALTHY -> 0;
            case DEGRADED -> degradedExitCode;
            case FAILING -> EXIT_FAILING;
        };
    }

    private HealthThresholds thresholds(SamDefaults sam) {
        int interval = bufferInterval != null ? bufferInterval : sam.s3BufferIntervalSeconds();
        HealthThresholds d = HealthThresholds.withBufferInterval(Duration.ofSeconds(interval));
        return new HealthThresholds(d.bufferInterval(), d.freshnessDegradedFactor(), d.freshnessFailingFactor(),
                minProcessingSuccess, Math.min(minProcessingSuccess, d.processingSuccessFailing()),
                minDeliverySuccess, Math.min(minDeliverySuccess, d.deliverySuccessFailing()),
                d.failedRecordRatioDegraded(), maxFailedRatio, d.throttledIsDegraded(),
                noDataVerdict());
    }

    private Verdict noDataVerdict() {
        try {
            return Verdict.valueOf(noData.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--no-data must be healthy, degraded or failing, not '" + noData + "'");
        }
    }

    private MonitoringSource openSource(String deliveryStreamName) {
        Source chosen = source != null ? source : (aws.given() ? Source.aws : Source.local);
        if (chosen == Source.aws) {
            return new ClosingAwsSource(aws.clients(), deliveryStreamName);
        }
        LocalLayout layout = LocalLayout.of(dataDir.resolve());
        return new LocalMonitoringSource(deliveryStreamName, metricsFile.resolve(layout), new LocalLake(layout));
    }

    /** Owns the SDK clients for the command's lifetime. */
    private static final class ClosingAwsSource implements MonitoringSource {
        private final CloudWatchClient cloudWatch;
        private final FirehoseClient firehose;
        private final S3Client s3;
        private final AwsMonitoringSource delegate;

        ClosingAwsSource(AwsClients clients, String deliveryStreamName) {
            cloudWatch = clients.cloudWatch();
            firehose = clients.firehose();
            s3 = clients.s3();
            delegate = new AwsMonitoringSource(cloudWatch, firehose, s3, deliveryStreamName,
                    AwsMonitoringSource.DEFAULT_MAX_ERROR_OBJECTS);
        }

        @Override
        public String deliveryStreamName() {
            return delegate.deliveryStreamName();
        }

        @Override
        public MetricsWindow metrics(Instant from, Instant to) {
            return delegate.metrics(from, to);
        }

        @Override
        public DeliveryStreamState deliveryStreamState() {
            return delegate.deliveryStreamState();
        }

        @Override
        public ErrorDocuments errorDocuments(Instant from, Instant to) throws IOException {
            return delegate.errorDocuments(from, to);
        }

        @Override
        public void close() {
            cloudWatch.close();
            firehose.close();
            s3.close();
        }
    }
}
