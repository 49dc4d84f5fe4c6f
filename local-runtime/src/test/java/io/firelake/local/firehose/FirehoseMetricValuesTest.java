package io.firelake.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric the local Firehose publishes in {@code metrics.jsonl}, summed as CloudWatch would, against the records
 * the run handled: read, invoked, Ok / Dropped / ProcessingFailed, converted or not, delivered or written to the error
 * prefix.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
class FirehoseMetricValuesTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    @Test
    void everyPublishedMetricAddsUpToTheRecordsTheRunHandled() throws Exception {
        var pipeline = engines.pipeline(1);
        List<String> ok = LocalFirehoseConformanceTest.events(6); // two event hours: two partitions
        String drop = "{\"drop\":true}";
        String broken = "{not json";
        String unconvertible = "{\"event_id\":\"bad\",\"quantity\":\"many\",\"event_date\":\"2026-11-22\",\"event_hour\":\"03\"}";
        List<String> payloads = new ArrayList<>(ok);
        payloads.addAll(List.of(drop, broken, unconvertible));
        pipeline.put(payloads);
        var handler = new TestProcessors.Recording(r -> r);
        DeliveryStats stats;
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            stats = firehose.stats();
        }
        Map<String, List<Double>> m = metrics(pipeline);
        long payloadBytes = payloads.stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum();
        long okBytes = transformedBytes(ok);
        long unconvertibleBytes = transformedBytes(List.of(unconvertible));
        List<String> objects = pipeline.keys("");
        long parquetBytes = 0;
        for (String key : pipeline.keys("raw/")) {
            parquetBytes += Files.size(pipeline.bucketDir().resolve(key));
        }

        assertThat(m.keySet()).containsExactlyInAnyOrder("DataReadFromKinesisStream.Records",
                "DataReadFromKinesisStream.Bytes", "IncomingRecords", "IncomingBytes", "KinesisMillisBehindLatest",
                "ExecuteProcessing.Duration", "ExecuteProcessing.Success", "SucceedProcessing.Records",
                "SucceedProcessing.Bytes", "FailedProcessing.Records", "SucceedConversion.Records",
                "SucceedConversion.Bytes", "FailedConversion.Records", "FailedConversion.Bytes",
                "DeliveryToS3.Records", "DeliveryToS3.Bytes", "DeliveryToS3.ObjectCount", "DeliveryToS3.Success",
                "DeliveryToS3.DataFreshness", "PartitionCount", "PartitionCountExceeded", "DroppedProcessing.Records");
        assertThat(sum(m, "DataReadFromKinesisStream.Records")).isEqualTo(payloads.size()).isEqualTo(stats.read());
        assertThat(sum(m, "IncomingRecords")).isEqualTo(payloads.size());
        assertThat(sum(m, "DataReadFromKinesisStream.Bytes")).isEqualTo(payloadBytes);
        assertThat(sum(m, "IncomingBytes")).isEqualTo(payloadBytes);
        assertThat(m.get("KinesisMillisBehindLatest")).allSatisfy(v -> assertThat(v).isNotNegative());

        assertThat(m.get("ExecuteProcessing.Success")).hasSize((int) stats.invocations()).containsOnly(1.0);
        assertThat(m.get("ExecuteProcessing.Duration")).hasSize((int) stats.invocations())
                .allSatisfy(v -> assertThat(v).isNotNegative());
        assertThat(sum(m, "SucceedProcessing.Records")).isEqualTo(6 + 1 + 1); // Ok (converted or not) and Dropped
        assertThat(sum(m, "SucceedProcessing.Bytes")).isEqualTo(okBytes + unconvertibleBytes);
        assertThat(sum(m, "FailedProcessing.Records")).isEqualTo(1);
        assertThat(sum(m, "DroppedProcessing.Records")).isEqualTo(1);

        assertThat(sum(m, "SucceedConversion.Records")).isEqualTo(6);
        assertThat(sum(m, "SucceedConversion.Bytes")).isEqualTo(okBytes);
        assertThat(sum(m, "FailedConversion.Records")).isEqualTo(1);
        assertThat(sum(m, "FailedConversion.Bytes")).isEqualTo(unconvertibleBytes);

        // Delivered: the records in data objects, those objects' bytes; error objects are PutObjects all the same.
        assertThat(sum(m, "DeliveryToS3.Records")).isEqualTo(6).isEqualTo(stats.delivered());
        assertThat(sum(m, "DeliveryToS3.Bytes")).isEqualTo(parquetBytes);
        assertThat(objects).hasSize(4); // two partitions, processing-failed, format-conversion-failed
        assertThat(sum(m, "DeliveryToS3.ObjectCount")).isEqualTo(objects.size());
        assertThat(m.get("DeliveryToS3.Success")).hasSize(objects.size()).containsOnly(1.0);
        assertThat(m.get("DeliveryToS3.DataFreshness")).hasSize(objects.size())
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 60.0));
        assertThat(max(m, "PartitionCount")).isEqualTo(2);
        assertThat(max(m, "PartitionCountExceeded")).isZero();
        assertThat(stats.read()).isEqualTo(stats.delivered() + stats.dropped() + stats.failed());
    }

    @Test
    void aFailedInvocationCountsEachAttemptAndItsRecordsAsFailedProcessing() throws Exception {
        var pipeline = engines.pipeline(1);
        pipeline.put(LocalFirehoseConformanceTest.events(3));
        Processor fails = event -> {
            throw new IllegalStateException("down");
        };
        try (LocalFirehose firehose = pipeline.firehose(fails)) {
            firehose.drain();
        }
        Map<String, List<Double>> m = metrics(pipeline);
        int attempts = 1 + ProcessorSettings.DEFAULT_RETRIES;
        assertThat(m.get("ExecuteProcessing.Success")).hasSize(attempts).containsOnly(0.0);
        assertThat(sum(m, "FailedProcessing.Records")).isEqualTo(3);
        assertThat(m).doesNotContainKeys("SucceedProcessing.Records", "DeliveryToS3.Records", "DeliveryToS3.Bytes");
        assertThat(sum(m, "DeliveryToS3.ObjectCount")).isEqualTo(1); // the processing-failed object
    }

    @Test
    void theActivePartitionQuotaShowsInPartitionCountAndPartitionCountExceeded() throws Exception {
        var pipeline = engines.pipeline(1);
        pipeline.put(LocalFirehoseConformanceTest.events(4));
        pipeline.config = pipeline.config.toBuilder().activePartitions(1).build();
        try (LocalFirehose firehose = pipeline.firehose(new TestProcessors.Recording(r -> r).processor())) {
            firehose.drain();
        }
        Map<String, List<Double>> m = metrics(pipeline);
        assertThat(max(m, "PartitionCount")).isEqualTo(1);
        assertThat(max(m, "PartitionCountExceeded")).isEqualTo(1);
        assertThat(sum(m, "DeliveryToS3.Records")).isEqualTo(2);
        assertThat(sum(m, "SucceedConversion.Records")).isEqualTo(2); // the other two had no partition to go to
        assertThat(sum(m, "FailedConversion.Records")).isZero();
    }

    /** The bytes the stand-in transform returns for these payloads: the JSON re-serialized, a newline after it. */
    private static long transformedBytes(List<String> payloads) throws IOException {
        long bytes = 0;
        for (String p : payloads) {
            bytes += (TestProcessors.JSON.readTree(p) + "\n").getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static Map<String, List<Double>> metrics(LocalEnginesFixture.Pipeline pipeline) throws IOException {
        Map<String, List<Double>> values = new TreeMap<>();
        for (String line : Files.readAllLines(pipeline.workDir.resolve("metrics.jsonl"))) {
            JsonNode point = TestProcessors.JSON.readTree(line);
            assertThat(point.get("DeliveryStreamName").asText()).isEqualTo(pipeline.config.name());
            values.computeIfAbsent(point.get("MetricName").asText(), k -> new ArrayList<>())
                    .add(point.get("Value").asDouble());
        }
        return values;
    }

    private static long sum(Map<String, List<Double>> m, String metric) {
        double total = m.getOrDefault(metric, List.of()).stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isCloseTo(Math.rint(total), within(1e-9));
        return Math.round(total);
    }

    private static long max(Map<String, List<Double>> m, String metric) {
        return Math.round(m.get(metric).stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
}
