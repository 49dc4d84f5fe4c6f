package io.firelake.local.runtime;

import io.firelake.events.contract.PinnedContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.aws.retry.Backoff;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.endpoint.TemplateDeliveryStream;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.producer.ProducerCli;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.generate.FaultKind;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.send.PutApi;
import io.firelake.producer.send.SenderSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer's Direct PUT mode through the local AWS endpoint: a delivery stream created with the Firehose SDK's
 * CreateDeliveryStream as DirectPut (the SAM template's destination, prefixes, transform and Parquet conversion, no
 * Kinesis source), simulated events sent by {@link ProducerRun} with PutRecordBatch, drained, and every one found again:
 * in the Parquet lake under {@code raw/event_date=…/event_hour=…/} (read with DuckDB), under the error prefix, or
 * refused by the producer before sending (over 1,000 KiB). The endpoint's backlog is kept small, so it throttles part
 * of each call and the producer must send only those records again: each event is in the lake once.
 */
@PinnedContract("clickstream")
class DirectPutEndToEndTest {

    static final String DELIVERY_STREAM = "firelake-direct";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds the transform passes (into the lake) and refuses (into processing-failed). */
    static final Set<String> DELIVERED_KINDS = Set.of("valid", "duplicate", "late");

    /** 64 KiB of backlog: a 500-record call (about 200 KB) is always partly refused with ServiceUnavailableException. */
    static final long BACKLOG = 64 * 1024;

    @TempDir
    static Path data;
    static EndpointPipeline local;
    static LocalPipeline pipeline;
    static FirehoseClient firehose;

    @BeforeAll
    static void start() {
        local = EndpointPipeline.start(data, c -> c.toBuilder().directPutBacklog(BACKLOG).build());
        pipeline = local.pipeline();
        firehose = local.firehose();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void everyEventSentWithPutRecordBatchIsInTheLakeOrTheErrorPrefixOrRefusedBeforeSending() throws Exception {
        Path manifest = data.resolve("manifest.jsonl");
        firehose.createDeliveryStream(TemplateDeliveryStream.directPutRequest(pipeline.options().settings(),
                DataLayout.of(data).bucket(), DELIVERY_STREAM));
        // The stream is CREATING: the producer waits until DescribeDeliveryStream says ACTIVE before it sends.
        {

            ProducerResult result = ProducerRun.builder().endpoint(pipeline.awsEndpoint())
                    .deliveryStream(DELIVERY_STREAM)
                    .simulate(new SimulationSettings(23, 400, 3000, null, null,
                            FaultRates.combined(0.06).with(FaultKind.OVERSIZED, 0.002), 0.05,
                            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)))
                    // Up to about 25 s of retries: on a loaded machine the stream reads the small backlog slowly.
                    .settings(SenderSettings.defaults().withMaxAttempts(100).withBackoff(
                            Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(500))
                                    .withJitter(Backoff.Jitter.FULL)))
                    .manifest(manifest)
                    .build().run();
            pipeline.endpoint().deliveryStreams().runner(DELIVERY_STREAM).orElseThrow().drain(Duration.ofMinutes(2));

            List<JsonNode> sent = manifest(manifest);
            assertThat(sent).hasSize(3000);
            assertThat(result.summary().retriedEntries()).as("throttled records sent again").isPositive();
            assertThat(result.summary().throttled()).isPositive();
            // Only the refused records were sent again: the calls carried each record once plus its retries.
            assertThat(sent).filteredOn(e -> e.path("status").asText().equals("delivered"))
                    .allSatisfy(e -> assertThat(e.path("record_id").asText()).isNotEmpty())
                    .anySatisfy(e -> assertThat(e.path("attempts").asInt()).isGreaterThan(1));

            // Over 1,000 KiB: refused by the producer, with the reason, never sent.
            List<JsonNode> failed = sent.stream().filter(e -> e.path("status").asText().equals("failed")).toList();
            assertThat(failed).isNotEmpty().allSatisfy(e -> {
                assertThat(e.path("kind").asText()).isEqualTo("oversized");
                assertThat(e.path("error_code").asText()).isEqualTo("RecordTooLarge");
                assertThat(e.path("error_message").asText()).contains("1024000-byte PutRecordBatch record limit");
                assertThat(e.path("attempts").asInt()).isZero();
            });
            assertThat(result.summary().failed()).isEqualTo(failed.size());
            assertThat(result.summary().delivered()).isEqualTo(3000 - failed.size());

            // The lake: each event the transform accepts, exactly as often as it was sent, under raw/event_date=/event_hour=.
            List<String> expectedInLake = sent.stream()
                    .filter(e -> e.path("status").asText().equals("delivered")
                            && DELIVERED_KINDS.contains(e.path("kind").asText()))
                    .map(e -> e.path("event_id").asText()).toList();
            assertThat(LocalPipelineEndToEndTest.lakeEventIds(pipeline.lakeDir()))
                    .containsExactlyInAnyOrderElementsOf(expectedInLake);
            assertThat(parquetKeys(pipeline.lakeDir())).isNotEmpty().allSatisfy(key -> assertThat(key)
                    .matches("raw/event_date=\\d{4}-\\d{2}-\\d{2}/event_hour=\\d{2}/" + DELIVERY_STREAM
                            + "-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]+\\.parquet"));

            // The error prefix: each faulty record, as it was sent.
            List<String> expectedErrors = sent.stream()
                    .filter(e -> e.path("status").asText().equals("delivered")
                            && !DELIVERED_KINDS.contains(e.path("kind").asText()))
                    .map(e -> e.path("payload_sha256").asText()).toList();
            assertThat(expectedErrors).isNotEmpty();
            List<Path> errorObjects = objectsOf(pipeline.lakeDir().resolve("errors"), DELIVERY_STREAM);
            assertThat(errorObjects).allSatisfy(o -> assertThat(pipeline.lakeDir().relativize(o).toString())
                    .startsWith("errors/processing-failed/"));
            List<JsonNode> errors = new ArrayList<>();
            for (Path object : errorObjects) {
                errors.addAll(LocalPipelineEndToEndTest.errorDocuments(object));
            }
            assertThat(errors).extracting(d -> ErrorDocument.sha256Hex(
                    Base64.getDecoder().decode(d.get("rawData").asText())))
                    .containsExactlyInAnyOrderElementsOf(expectedErrors);

            // Accounting reconciles the manifest with the lake as for the stream mode: nothing lost.
            StringWriter out = new StringWriter();
            int code = new CommandLine(new AccountingCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(out)).execute("--manifest", manifest.toString(), "--data-dir",
                            data.toString(), "--delivery-stream", DELIVERY_STREAM);
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("lost=0");
        }
    }

    @Test
    void theEndpointRefusesACallWithARecordOver1000KiBAsFirehoseDoes() throws Exception {
        String name = "firelake-direct-limits";
        firehose.createDeliveryStream(TemplateDeliveryStream.directPutRequest(pipeline.options().settings(),
                DataLayout.of(data).bucket(), name));
        DeliveryStreamWait.awaitActive(firehose, name, Duration.ofMinutes(2));
        {
            Record small = Record.builder().data(SdkBytes.fromUtf8String("{\"event_id\":\"x\"}")).build();
            Record oversized = Record.builder()
                    .data(SdkBytes.fromByteArray(new byte[PutApi.DEFAULT_FIREHOSE_MAX_RECORD_BYTES + 1])).build();

            assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(name)
                    .records(small, oversized)))
                    .isInstanceOfSatisfying(FirehoseException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    })
                    .hasMessageContaining("at 'records.2.member.data' failed to satisfy constraint: "
                            + "Member must have length less than or equal to 1024000");
            // The whole call was refused: not even the small record was taken.
            assertThat(pipeline.endpoint().deliveryStreams().runner(name).orElseThrow()
                    .drain(Duration.ofMinutes(1))).isZero();
            Record largest = Record.builder()
                    .data(SdkBytes.fromByteArray(new byte[PutApi.DEFAULT_FIREHOSE_MAX_RECORD_BYTES])).build();
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(largest))
                    .failedPutCount()).as("1,000 KiB exactly is allowed").isZero();
        }
    }

    @Test
    void theProducerJarSendsToADirectPutStreamAndStopsBeforeSendingToOneThatReadsAKinesisStream() throws Exception {
        String name = "firelake-direct-cli";
        firehose.createDeliveryStream(TemplateDeliveryStream.directPutRequest(pipeline.options().settings(),
                DataLayout.of(data).bucket(), name)); // CREATING: the producer jar waits until it is ACTIVE
        Path input = Files.write(data.resolve("replay.jsonl"), List.of("{\"event_id\":\"e-1\"}", "{not json",
                "{\"event_type\":\"click\"}"));
        Path summary = data.resolve("cli-summary.json");
        String endpoint = pipeline.awsEndpoint().toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousErr = System.err;
        PrintStream previousOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sent;
        int refused;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            sent = ProducerCli.commandLine().execute("replay", input.toString(), "--endpoint", endpoint,
                    "--delivery-stream", name, "--summary-json", summary.toString(), "--quiet");
            refused = ProducerCli.commandLine().execute("replay", input.toString(), "--endpoint", endpoint,
                    "--delivery-stream", pipeline.options().settings().deliveryStreamName(), "--quiet");
        } finally {
            System.setErr(previousErr);
            System.setOut(previousOut);
        }

        assertThat(sent).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Done: 3 of 3 records delivered to delivery stream " + name)
                .contains("firehose records:   3 (Direct PUT, no aggregation) in 1 PutRecordBatch requests")
                .doesNotContain("PUT payload units");
        JsonNode json = JSON.readTree(summary.toFile());
        assertThat(json.get("delivery_stream").asText()).isEqualTo(name);
        assertThat(json.get("delivered").asLong()).isEqualTo(3);
        assertThat(json.get("put_record_batch_requests").asLong()).isEqualTo(1);
        assertThat(json.has("stream")).isFalse();
        assertThat(json.has("kinesis_records")).isFalse();
        var runner = pipeline.endpoint().deliveryStreams().runner(name).orElseThrow();
        runner.drain(Duration.ofMinutes(1));
        assertThat(runner.firehose().stats().read()).isEqualTo(3);

        assertThat(refused).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("stopped sending: InvalidArgumentException: delivery stream "
                        + pipeline.options().settings().deliveryStreamName() + " reads a Kinesis stream "
                        + "(KinesisStreamAsSource")
                .contains("Send to its stream instead: --stream " + pipeline.options().settings().streamName());
    }

    private static List<JsonNode> manifest(Path file) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }

    /** The objects a delivery stream wrote under {@code dir}: Firehose names them {@code <stream>-1-<time>-<uuid>}. */
    private static List<Path> objectsOf(Path dir, String deliveryStream) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f)
                    && f.getFileName().toString().startsWith(deliveryStream + "-1-")).toList();
        }
    }

    private static List<String> parquetKeys(Path lake) throws Exception {
        try (Stream<Path> files = Files.walk(lake.resolve("raw"))) {
            return files.filter(f -> f.toString().endsWith(".parquet"))
                    .map(f -> lake.relativize(f).toString().replace('\\', '/')).toList();
        }
    }
}
