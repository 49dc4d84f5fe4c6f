package io.firelake.monitoring.cli;

import io.firelake.config.Durations;
import io.firelake.config.cli.DataDirOption;
import io.firelake.config.cli.DeliveryStreamOption;
import io.firelake.config.cli.DurationConverter;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.Source;
import io.firelake.config.cli.StreamOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.sam.SamTemplate;
import io.firelake.monitoring.Monitor;
import io.firelake.monitoring.aws.AwsClients;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ReasonClassifier;
import io.firelake.monitoring.errors.TransformReasonClassifier;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthThresholds;
import io.firelake.monitoring.health.Verdict;
import io.firelake.monitoring.lake.LocalLake;
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
import software.amazon.awssdk.regions.Region;
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
                "--stream is shown in the report, with a warning when the delivery stream reads another one.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy", "1:degraded (see --degraded-exit-code)", "2:failing",
                "3:could not read the metrics or the lake"},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake monitor                        # the local pipeline, last hour",
                "  firelake monitor --since 15m --watch    # refresh on the terminal",
                "  firelake monitor --html report.html     # charts, readable offline",
                "  firelake monitor --source aws --delivery-stream firelake-delivery \\",
                "                   --region eu-west-1     # CloudWatch, Firehose, S3",
                "  # the same on local up's endpoint, alarms too",
                "  firelake monitor --endpoint-url http://127.0.0.1:4566"})
public final class MonitorCommand implements Callable<Integer> {
    public static final int EXIT_FAILING = 2;
    public static final int EXIT_UNREADABLE = 3;
    /** The SAM template's parameter that the freshness check is judged against by default. */
    static final String BUFFER_INTERVAL_PARAMETER = "S3BufferIntervalSeconds";

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "local|aws", description = "local or aws (default: local, or aws when an "
            + "endpoint (--endpoint, $" + EndpointOptions.ENDPOINT_VARIABLE + ") or --region is given).")
    Source source;

    @Mixin
    StreamOption stream;

    @Mixin
    DeliveryStreamOption deliveryStream;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "How far back to look: " + Durations.GRAMMAR + " (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--watch", description = "Redraw the report every --interval on the terminal until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Refresh interval with --watch, a duration as --since (default: ${DEFAULT-VALUE}).")
    Duration interval;

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
    EndpointOptions aws;

    @Option(names = "--buffer-interval", paramLabel = "SECONDS", description = "The S3 buffer interval freshness "
            + "is judged against (default: the SAM template's " + BUFFER_INTERVAL_PARAMETER + ").")
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

    /** The local Firehose's metrics file when the source is local, else null. */
    private Path localMetricsFile;

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
        String deliveryStreamName = deliveryStream.resolve();
        String streamName = stream.resolve();
        HealthThresholds thresholds;
        try {
            thresholds = thresholds();
            if (watch && iterations <= 0 && (interval.isZero() || interval.isNegative())) { // a busy loop
                throw new IllegalArgumentException("--interval must be longer than 0 with --watch");
            }
            if (html != null && java.nio.file.Files.isDirectory(html)) {
                throw new IllegalArgumentException("--html " + html + " is a directory: name the report's file");
            }
        } catch (IllegalArgumentException badOption) {
            throw new CommandLine.ParameterException(spec.commandLine(), badOption.getMessage());
        }
        try (MonitoringSource monitoringSource = openSource(deliveryStreamName)) {
            Monitor monitor = new Monitor(monitoringSource, new HealthEvaluator(thresholds),
                    new ErrorSummarizer(classifier != null ? classifier : TransformReasonClassifier.selectedContract()),
                    Clock.systemUTC());
            int looks = 0;
            while (true) {
                MonitorSnapshot snapshot;
                try {
                    requireMetricsFile();
                    snapshot = monitor.look(since);
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
                    out.println("stream " + streamName + " -> " + deliveryStreamName);
                    snapshot.state().sourceStream().filter(actual -> stream.given().isPresent()
                                    && !actual.equals(streamName))
                            .ifPresent(actual -> out.println("warning: " + deliveryStreamName + " reads " + actual
                                    + ", not " + streamName));
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
                Thread.sleep(interval.toMillis());
            }
        }
    }

    /**
     * Locally, no metrics file is metrics that could not be read (exit 3), not a judgement of the lake: with no
     * incoming records to go by, the verdict would be the --no-data one, or worse from an old lake.
     */
    private void requireMetricsFile() throws IOException {
        Path file = localMetricsFile;
        if (file != null && !Files.isRegularFile(file)) {
            throw new IOException((Files.isDirectory(file)
                    ? file + " is a directory, not the metrics file" : "no metrics file at " + file) + " (is the "
                    + "local Firehose running? Start it with 'firelake local up', or name the file with --metrics-file)");
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

    private HealthThresholds thresholds() {
        int seconds = bufferInterval != null ? bufferInterval : SamTemplate.load().integer(BUFFER_INTERVAL_PARAMETER);
        HealthThresholds d = HealthThresholds.withBufferInterval(Duration.ofSeconds(seconds));
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
            return new ClosingAwsSource(clients(aws), deliveryStreamName);
        }
        DataLayout layout = dataDir.layout();
        localMetricsFile = metricsFile.resolve(layout);
        return new LocalMonitoringSource(deliveryStreamName, localMetricsFile, new LocalLake(layout));
    }

    /** Clients for these options; unset ones fall back to the SDK's default chains. */
    static AwsClients clients(EndpointOptions aws) {
        return new AwsClients(aws.endpoint(), aws.region().map(Region::of));
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
        public java.util.List<io.firelake.monitoring.health.AlarmStatus> alarms() {
            return delegate.alarms();
        }

        @Override
        public void close() {
            cloudWatch.close();
            firehose.close();
            s3.close();
        }
    }
}
