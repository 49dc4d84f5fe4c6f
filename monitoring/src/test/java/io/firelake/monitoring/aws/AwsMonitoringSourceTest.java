package io.firelake.monitoring.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricsWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS path end to end through the real SDK clients, against hand-written responses on loopback. */
class AwsMonitoringSourceTest {
    private static final String STREAM = "firelake-delivery";

    @TempDir
    Path tmp;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    /** Where Firehose would put an error object written five minutes ago. */
    private final String ERROR_KEY = "errors/processing-failed/" + java.time.format.DateTimeFormatter
            .ofPattern("yyyy/MM/dd").withZone(java.time.ZoneOffset.UTC).format(now.minusSeconds(300))
            + "/firelake-delivery-1-x";
    private final AtomicReference<String> status = new AtomicReference<>("ACTIVE");
    private AwsStub stub;
    private AwsClients clients;
    private String errorObject;

    @BeforeEach
    void start() throws IOException {
        errorObject = String.join("\n",
                Fixtures.errorDocument("{\"event_id\":\"e1\",".getBytes(StandardCharsets.UTF_8),
                        "Lambda.ProcessingFailed", "MALFORMED_JSON", now.minusSeconds(600)),
                Fixtures.errorDocument("{\"event_id\":\"e2\",\"event_type\":\"teleport\"}".getBytes(StandardCharsets.UTF_8),
                        "Lambda.ProcessingFailed", "UNKNOWN_EVENT_TYPE", now.minusSeconds(590))) + "\n";
        stub = new AwsStub(this::answer);
        clients = new AwsClients(Optional.of(stub.endpoint()), Optional.empty());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private AwsStub.Response answer(AwsStub.Request request) throws IOException {
        if (request.path().endsWith("/operation/GetMetricData")) {
            return AwsStub.Response.cbor(metricData(new CBORMapper().readTree(request.body())));
        }
        if (request.target().equals("Firehose_20150804.DescribeDeliveryStream")) {
            return AwsStub.Response.json(describe());
        }
        String query = request.query() == null ? "" : request.query();
        if (request.path().equals("/firelake-lake") && query.contains("delimiter=%2F")) {
            return AwsStub.Response.xml("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Name>firelake-lake</Name><Prefix>errors/</Prefix><Delimiter>/</Delimiter><KeyCount>2</KeyCount>
                      <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                      <CommonPrefixes><Prefix>errors/format-conversion-failed/</Prefix></CommonPrefixes>
                      <CommonPrefixes><Prefix>errors/processing-failed/</Prefix></CommonPrefixes>
                    </ListBucketResult>""");
        }
        String prefix = java.net.URLDecoder.decode(query.replaceAll(".*prefix=([^&]*).*", "$1"),
                StandardCharsets.UTF_8);
        if (request.path().equals("/firelake-lake") && !ERROR_KEY.startsWith(prefix)) {
            return AwsStub.Response.xml("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Name>firelake-lake</Name><Prefix>%s</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>
                      <IsTruncated>false</IsTruncated>
                    </ListBucketResult>""".formatted(prefix));
        }
        if (request.path().equals("/firelake-lake") && query.contains("list-type=2")) {
            return AwsStub.Response.xml("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Name>firelake-lake</Name><Prefix>errors/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>
                      <IsTruncated>false</IsTruncated>
                      <Contents><Key>%s</Key><LastModified>%s</LastModified><ETag>"0f"</ETag><Size>%d</Size>
                        <StorageClass>STANDARD</StorageClass></Contents>
                    </ListBucketResult>""".formatted(ERROR_KEY, now.minusSeconds(300), errorObject.length()));
        }
        if (request.path().equals("/firelake-lake/" + ERROR_KEY)) {
            return AwsStub.Response.bytes(errorObject.getBytes(StandardCharsets.UTF_8));
        }
        return new AwsStub.Response(404, "text/plain", ("no route " + request.path()).getBytes(), java.util.Map.of());
    }

    private String describe() {
        return """
                {"DeliveryStreamDescription": {
                  "DeliveryStreamName": "%s",
                  "DeliveryStreamARN": "arn:aws:firehose:us-east-1:123456789012:deliverystream/%s",
                  "DeliveryStreamStatus": "%s",
                  "DeliveryStreamType": "KinesisStreamAsSource",
                  "VersionId": "3",
                  "CreateTimestamp": 1.7637e9,
                  "Source": {"KinesisStreamSourceDescription": {
                    "KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/firelake-events"}},
                  "Destinations": [{"DestinationId": "destinationId-000000000001",
                    "ExtendedS3DestinationDescription": {
                      "RoleARN": "arn:aws:iam::123456789012:role/firelake-firehose",
                      "BucketARN": "arn:aws:s3:::firelake-lake",
                      "Prefix": "raw/event_date=!{partitionKeyFromLambda:event_date}/",
                      "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/",
                      "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 300},
                      "CompressionFormat": "UNCOMPRESSED",
                      "EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"}}}],
                  "HasMoreDestinations": false}}""".formatted(STREAM, STREAM, status.get());
    }

    /**
     * A broken stream: Lambda invocations fail half the time since 30 minutes ago and nothing has been delivered for
     * the last 20 minutes while freshness climbs. Every other queried metric comes back empty.
     */
    private byte[] metricData(JsonNode request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(bytes)) {
            gen.writeStartObject();
            gen.writeFieldName("MetricDataResults");
            gen.writeStartArray();
            for (JsonNode query : request.get("MetricDataQueries")) {
                String name = query.at("/MetricStat/Metric/MetricName").asText();
                List<Instant> times = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (int minute = 59; minute >= 0; minute--) {
                    Instant t = now.minus(Duration.ofMinutes(minute + 1));
                    Double v = switch (name) {
                        case "IncomingRecords" -> 1000.0;
                        case "ExecuteProcessing.Success" -> minute < 30 ? 0.5 : 1.0;
                        case "DeliveryToS3.Records" -> minute >= 20 && minute % 5 == 0 ? 5000.0 : 0.0;
                        case "DeliveryToS3.DataFreshness" -> minute >= 20 ? 120.0 : 60.0 * (40 - minute);
                        default -> null;
                    };
                    if (v != null) {
                        times.add(t);
                        values.add(v);
                    }
                }
                gen.writeStartObject();
                gen.writeStringField("Id", query.get("Id").asText());
                gen.writeStringField("Label", query.get("Label").asText());
                gen.writeFieldName("Timestamps");
                gen.writeStartArray();
                for (Instant t : times) {
                    gen.writeTag(1);
                    gen.writeNumber(t.getEpochSecond());
                }
                gen.writeEndArray();
                gen.writeFieldName("Values");
                gen.writeStartArray();
                for (Double v : values) {
                    gen.writeNumber(v);
                }
                gen.writeEndArray();
                gen.writeStringField("StatusCode", "Complete");
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return bytes.toByteArray();
    }

    @Test
    void readsMetricsStateAndErrorPrefixThroughTheSdk() throws Exception {
        try (var cloudWatch = clients.cloudWatch(); var firehose = clients.firehose(); var s3 = clients.s3()) {
            AwsMonitoringSource source = new AwsMonitoringSource(cloudWatch, firehose, s3, STREAM, 10);

            MetricsWindow metrics = source.metrics(now.minus(Duration.ofHours(1)), now);
            DeliveryStreamState state = source.deliveryStreamState();
            ErrorDocuments errors = source.errorDocuments(now.minus(Duration.ofHours(1)), now);

            assertThat(metrics.sum(FirehoseMetric.INCOMING_RECORDS)).isEqualTo(60_000);
            assertThat(metrics.points(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS)).hasSize(60);
            assertThat(metrics.latest(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS)).hasValue(2400);
            assertThat(state.status()).isEqualTo("ACTIVE");
            assertThat(state.sourceStream()).hasValue("firelake-events");
            assertThat(errors.documents()).extracting(ErrorDocument::errorOutputType, ErrorDocument::errorMessage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("processing-failed", "MALFORMED_JSON"),
                            org.assertj.core.groups.Tuple.tuple("processing-failed", "UNKNOWN_EVENT_TYPE"));
            assertThat(errors.documents().get(0).rawPreview(100)).isEqualTo("{\"event_id\":\"e1\",");
        }
        JsonNode query = new CBORMapper().readTree(stub.requests().stream()
                .filter(r -> r.path().endsWith("/operation/GetMetricData")).findFirst().orElseThrow().body());
        JsonNode first = query.get("MetricDataQueries").get(0).get("MetricStat");
        assertThat(first.at("/Metric/Namespace").asText()).isEqualTo("AWS/Firehose");
        assertThat(first.at("/Metric/Dimensions/0/Name").asText()).isEqualTo("DeliveryStreamName");
        assertThat(first.at("/Metric/Dimensions/0/Value").asText()).isEqualTo(STREAM);
        assertThat(first.get("Period").asInt()).isEqualTo(60);
        String today = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(java.time.ZoneOffset.UTC)
                .format(now);
        assertThat(stub.requests()).filteredOn(r -> r.query() != null && r.query().contains("list-type=2"))
                .extracting(r -> java.net.URLDecoder.decode(r.query().replaceAll(".*prefix=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8))
                .as("the type folders, then only the window's days of each type")
                .contains("errors/", "errors/processing-failed/" + today + "/",
                        "errors/format-conversion-failed/" + today + "/")
                .allMatch(p -> p.equals("errors/") || p.contains("/" + today.substring(0, 4) + "/"));
    }

    @Test
    void theMonitorCommandFailsAStalledStreamAndWritesItsReport() throws Exception {
        Path html = tmp.resolve("report.html");
        StringWriter out = new StringWriter();
        int code = new CommandLine(new MonitorCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("--endpoint", stub.endpoint().toString(), "--delivery-stream", STREAM, "--since", "1h",
                        "--buffer-interval", "300", "--html", html.toString());

        assertThat(code).as(out.toString()).isEqualTo(MonitorCommand.EXIT_FAILING);
        assertThat(out.toString()).contains("delivery stream firelake-delivery: FAILING")
                .contains("delivery stalled").containsPattern("FAILING +Lambda processing +invocation success rate 7\\d")
                .contains("processing-failed: 2").contains("{\"event_id\":\"e1\",");
        assertThat(Files.readString(html)).contains("data-metric=\"DeliveryToS3.DataFreshness\"");
    }

    @Test
    void aStreamThatIsNotActiveIsFailing() {
        status.set("CREATING_FAILED");
        StringWriter out = new StringWriter();
        int code = new CommandLine(new MonitorCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("--endpoint", stub.endpoint().toString(), "--delivery-stream", STREAM, "--stream", "clicks");

        assertThat(code).isEqualTo(MonitorCommand.EXIT_FAILING);
        assertThat(out.toString()).contains("firelake-delivery is CREATING_FAILED, reading firelake-events")
                .contains("warning: firelake-delivery reads firelake-events, not clicks");
    }
}
