package io.firelake.local.monitoring;

import io.firelake.events.contract.PinnedContract;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.aws.retry.Backoff;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.endpoint.GlueTableEdits;
import io.firelake.local.endpoint.TemplateDeliveryStream;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.BufferingHints;
import io.firelake.local.firehose.DirectPutLimits;
import io.firelake.local.firehose.S3Retry;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.send.SenderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code monitor --source aws --endpoint-url ...} against the local endpoint, on a real local Firehose (kinesalite,
 * S3Proxy, the real transform) put into each state for real: the verdict and reason docs/monitoring.md promises,
 * read through CloudWatch GetMetricData, DescribeDeliveryStream and S3 on the endpoint; and the template's alarms,
 * created by the pipeline through PutMetricAlarm, in the state DescribeAlarms evaluates from the same metrics.
 */
@PinnedContract("clickstream")
class MonitorOnTheEndpointTest {

    private static final String STREAM = "firelake-delivery";
    private static final int EVENTS = 1_000;

    @TempDir
    Path data;

    private record Run(int exitCode, String output) {
    }

    private LocalPipeline start(UnaryOperator<DeliveryStreamConfig.Builder> configure) {
        return LocalPipeline.start(new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1,
                c -> configure.apply(c.toBuilder()).build()));
    }

    private static void send(LocalPipeline pipeline, FaultRates faults) throws InterruptedException {
        var sent = ProducerRun.builder().endpoint(pipeline.kinesisEndpoint())
                .stream(pipeline.options().settings().streamName())
                .simulate(SimulationSettings.live(7, EVENTS).withFaults(faults)).build().run().summary();
        assertThat(sent.delivered()).isPositive();
    }

    private static Run monitor(LocalPipeline pipeline, String... more) {
        return monitorStream(pipeline, STREAM, more);
    }

    private static Run monitorStream(LocalPipeline pipeline, String deliveryStream, String... more) {
        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("--source", "aws", "--endpoint-url",
                pipeline.awsEndpoint().toString(), "--delivery-stream", deliveryStream, "--since", "15m"));
        args.addAll(List.of(more));
        int code = new CommandLine(new MonitorCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(args.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    private static Map<String, String> alarmStates(LocalPipeline pipeline) {
        try (CloudWatchClient cloudWatch = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                .sync(CloudWatchClient.builder(), SyncHttp.urlConnection()).build()) {
            return cloudWatch.describeAlarmsPaginator(b -> b.alarmNamePrefix("firelake-")).metricAlarms().stream()
                    .collect(Collectors.toMap(MetricAlarm::alarmName, MetricAlarm::stateValueAsString));
        }
    }

    @Test
    void aHealthyDeliveryIsHealthyAndItsReportAndWatchWork() throws Exception {
        try (LocalPipeline pipeline = start(b -> b)) {
            send(pipeline, FaultRates.none());
            pipeline.firehose().drain(Duration.ofSeconds(60));

            Path html = data.resolve("report.html");
            Run run = monitor(pipeline, "--html", html.toString());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("delivery stream firelake-delivery: HEALTHY")
                    .containsPattern("ok +incoming data +" + EVENTS + " records in")
                    .containsPattern("ok +Lambda processing +invocation success rate 100")
                    .contains("error prefix: 0 records");
            assertThat(Files.readString(html)).contains("data-metric=\"DeliveryToS3.DataFreshness\"")
                    .contains("data-metric=\"IncomingRecords\"")
                    .as("the alarms, as in the text report").contains("<td>firelake-DeliveryFreshness</td>");

            Run watch = monitor(pipeline, "--watch", "--interval", "100ms", "--iterations", "2");
            assertThat(watch.exitCode()).as(watch.output()).isZero();
            assertThat(watch.output().split("delivery stream firelake-delivery: HEALTHY", -1)).hasSize(3);

            assertThat(alarmStates(pipeline)).as("the template's nine alarms").hasSize(9)
                    .containsEntry("firelake-DeliveryFreshness", "OK").containsEntry("firelake-ProcessingSuccess", "OK")
                    .containsEntry("firelake-DeliverySuccess", "OK")
                    .containsEntry("firelake-FormatConversionFailed", "OK")
                    .as("nothing publishes the Lambda metrics locally; missing data is notBreaching")
                    .containsEntry("firelake-TransformErrors", "OK");
        }
    }

    @Test
    void aTransformThatTimesOutIsFailingLambdaProcessing() throws Exception {
        try (LocalPipeline pipeline = start(b -> b.processorTimeout(Duration.ofMillis(1))
                .retries(1, Duration.ofMillis(10)))) {
            send(pipeline, FaultRates.none());
            pipeline.firehose().drain(Duration.ofSeconds(120));

            Run run = monitor(pipeline);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(MonitorCommand.EXIT_FAILING);
            assertThat(run.output()).contains("delivery stream firelake-delivery: FAILING")
                    .containsPattern("FAILING +Lambda processing +invocation success rate 0")
                    .containsPattern("FAILING +failed records +" + EVENTS + " records in processing-failed");
            assertThat(alarmStates(pipeline)).containsEntry("firelake-ProcessingSuccess", "ALARM");
        }
    }

    @Test
    void rejectedRecordsAreFailedRecords() throws Exception {
        try (LocalPipeline pipeline = start(b -> b)) {
            send(pipeline, FaultRates.combined(0.5));
            pipeline.firehose().drain(Duration.ofSeconds(60));

            Run run = monitor(pipeline);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(MonitorCommand.EXIT_FAILING);
            assertThat(run.output()).containsPattern("FAILING +failed records +\\d+ records in processing-failed")
                    .containsPattern("ok +Lambda processing +invocation success rate 100")
                    .contains("MALFORMED_JSON");
        }
    }

    @Test
    void recordsThatDoNotFitTheTableFailFormatConversion() throws Exception {
        try (LocalPipeline pipeline = start(b -> b);
             GlueClient glue = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                     .sync(GlueClient.builder(), SyncHttp.urlConnection()).build()) {
            var before = pipeline.firehose();
            GlueTableEdits.columns(glue, "firelake", "raw_events", columns -> columns.stream()
                    .map(c -> c.name().equals("event_type") ? c.toBuilder().type("int").build() : c).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pipeline.firehose() == before && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            send(pipeline, FaultRates.none());
            pipeline.firehose().drain(Duration.ofSeconds(60));

            Run run = monitor(pipeline);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(MonitorCommand.EXIT_FAILING);
            assertThat(run.output()).containsPattern("FAILING +format conversion +" + EVENTS
                    + " records failed Parquet conversion, 0 converted")
                    .contains("format-conversion-failed: " + EVENTS);
            assertThat(alarmStates(pipeline)).containsEntry("firelake-FormatConversionFailed", "ALARM");
        }
    }

    @Test
    void anS3ThatRefusesThePutsIsFailingDeliveryToS3() throws Exception {
        // Five attempts 200 ms apart, then the stream stops (Firehose would go on for 24 hours: the stall case below).
        try (LocalPipeline pipeline = start(b -> b.s3Retry(new S3Retry(Duration.ofMillis(200), Duration.ofMillis(800),
                S3Retry.DEFAULT_FRESHNESS_PERIOD)))) {
            send(pipeline, FaultRates.none());
            Path bucket = pipeline.lakeDir();
            Path aside = data.resolve("bucket-aside");
            Files.move(bucket, aside);
            // S3Proxy answers NoSuchBucket; on a large object it may answer before reading the body and close the
            // connection, and then the last attempt's error is the client's broken pipe or reset instead.
            assertThatThrownBy(() -> pipeline.firehose().drain(Duration.ofSeconds(120)))
                    .hasMessageContaining("cannot write s3://firelake-lake/raw/")
                    .hasMessageMatching("(?s).*(The specified bucket does not exist|Broken pipe|Connection reset).*");
            Files.move(aside, bucket);

            Run run = monitor(pipeline);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(MonitorCommand.EXIT_FAILING);
            assertThat(run.output()).containsPattern("FAILING +delivery to S3 +.*success rate 0");
            // The alarm needs 2 breaching 5-minute periods: the failed puts make one (two if they straddle periods).
            assertThat(run.output()).containsPattern("(OK|ALARM) +firelake-DeliverySuccess +Threshold Crossed: [12] "
                    + "out of the last 2 datapoints \\[0.0 .*] (was|were) less than the threshold \\(1.0\\)");
        }
    }

    @Test
    void anUnreachableS3StallsDeliveryUntilItReturnsAndNothingIsLost() throws Exception {
        // Buffers of a second, a retry every 250 ms and freshness every second: only the monitor's floor (freshness
        // is judged against at least 60 s, Firehose's resolution) makes this last a minute.
        try (LocalPipeline pipeline = start(b -> b.processorBuffer(BufferingHints.DEFAULT_PROCESSOR_BYTES,
                        Duration.ofSeconds(1))
                .s3Buffer(BufferingHints.DEFAULT_S3_BYTES, Duration.ofSeconds(1))
                .s3Retry(new S3Retry(Duration.ofMillis(250), Duration.ofHours(1), Duration.ofSeconds(1))))) {
            // S3 refuses every write under raw/ (a file where its folder would be), as a bucket policy denying the
            // delivery role's PutObject would; the bucket stays readable, so monitor still lists the error prefix.
            Path blocked = Files.createDirectories(pipeline.lakeDir()).resolve("raw");
            Files.createFile(blocked);
            Path manifest = data.resolve("manifest.jsonl");
            var sent = ProducerRun.builder().endpoint(pipeline.kinesisEndpoint())
                    .stream(pipeline.options().settings().streamName()).manifest(manifest)
                    .simulate(SimulationSettings.live(7, EVENTS).withFaults(FaultRates.none())).build().run().summary();
            assertThat(sent.delivered()).isEqualTo(EVENTS);

            Run stalled = monitor(pipeline, "--buffer-interval", "1");
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!stalled.output().contains("delivery stalled") && System.nanoTime() < deadline) {
                Thread.sleep(2_000);
                stalled = monitor(pipeline, "--buffer-interval", "1");
            }
            assertThat(stalled.exitCode()).as(stalled.output()).isEqualTo(MonitorCommand.EXIT_FAILING);
            assertThat(stalled.output()).containsPattern("FAILING +data freshness +delivery stalled: oldest "
                    + "undelivered record is [\\d.]+ s old \\(S3 buffer interval 1 s\\) and growing, with no records "
                    + "delivered to S3 in the last 300 s");
            assertThat(pipeline.firehose().isRunning()).as("Firehose keeps retrying").isTrue();

            Files.delete(blocked);
            pipeline.firehose().drain(Duration.ofSeconds(120));
            StringWriter out = new StringWriter();
            int code = new CommandLine(new AccountingCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(out)).execute("--manifest", manifest.toString(), "--data-dir",
                            data.toString());
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).as("every record delivered once").endsWith("accounting: produced=" + EVENTS
                    + " delivered=" + EVENTS + " dropped=0 failed=0 duplicates=0 lost=0\n");
        }
    }

    @Test
    void aProducerOverTheDirectPutQuotaIsThrottled() throws Exception {
        // A quota of 100 records a second: a producer sending 500-record calls is refused most of each call with
        // ServiceUnavailableException ("Slow down."), backs off and sends the refused records again.
        String direct = "firelake-direct";
        try (LocalPipeline pipeline = start(b -> b.directPutQuota(100, DirectPutLimits.DEFAULT_REQUESTS_PER_SECOND,
                DirectPutLimits.DEFAULT_BYTES_PER_SECOND));
             FirehoseClient firehose = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                     .sync(FirehoseClient.builder(), SyncHttp.urlConnection()).build()) {
            firehose.createDeliveryStream(TemplateDeliveryStream.directPutRequest(pipeline.options().settings(),
                    DataLayout.of(data).bucket(), direct));
            DeliveryStreamWait.awaitActive(firehose, direct, Duration.ofMinutes(2));
            Path manifest = data.resolve("manifest.jsonl");
            var sent = ProducerRun.builder().endpoint(pipeline.awsEndpoint()).deliveryStream(direct)
                    .simulate(SimulationSettings.live(7, EVENTS).withFaults(FaultRates.none()))
                    .settings(SenderSettings.defaults().withMaxAttempts(100)
                            .withBackoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(500))))
                    .manifest(manifest).build().run().summary();
            assertThat(sent.delivered()).isEqualTo(EVENTS);
            assertThat(sent.throttled()).isPositive();
            pipeline.endpoint().deliveryStreams().runner(direct).orElseThrow().drain(Duration.ofSeconds(60));

            Run run = monitorStream(pipeline, direct);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("delivery stream " + direct + ": DEGRADED")
                    .containsPattern("DEGRADED +throttling +throttled: ThrottledRecords=\\d+")
                    .containsPattern("ok +incoming data +" + EVENTS + " records in");
            StringWriter out = new StringWriter();
            int code = new CommandLine(new AccountingCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(out)).execute("--manifest", manifest.toString(), "--data-dir",
                            data.toString(), "--delivery-stream", direct);
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).as("the throttled records were sent again and delivered once")
                    .endsWith("delivered=" + EVENTS + " dropped=0 failed=0 duplicates=0 lost=0\n");
        }
    }
}
