package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Firehose's CloudWatch metrics, published locally as one JSON line per datapoint, spelled as CloudWatch's
 * {@code MetricDatum} with the one dimension, {@code DeliveryStreamName}, flattened:
 * {@code {"Timestamp":"2026-11-22T03:09:24.123Z","Namespace":"AWS/Firehose","MetricName":"DeliveryToS3.Records",
 * "DeliveryStreamName":"firelake-delivery","Value":1250,"Unit":"Count"}}. Statistics (Sum, Average, Maximum) are
 * computed by the reader, as CloudWatch computes them from datapoints.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
public final class FirehoseMetrics implements AutoCloseable {

    public static final String NAMESPACE = "AWS/Firehose";
    /** Local-only counters that Firehose does not publish, kept apart from its namespace. */
    public static final String LOCAL_NAMESPACE = "firelake/LocalFirehose";

    public static final String DATA_READ_RECORDS = "DataReadFromKinesisStream.Records";
    public static final String DATA_READ_BYTES = "DataReadFromKinesisStream.Bytes";
    public static final String INCOMING_RECORDS = "IncomingRecords";
    public static final String INCOMING_BYTES = "IncomingBytes";
    public static final String MILLIS_BEHIND = "KinesisMillisBehindLatest";
    public static final String EXECUTE_PROCESSING_DURATION = "ExecuteProcessing.Duration";
    public static final String EXECUTE_PROCESSING_SUCCESS = "ExecuteProcessing.Success";
    public static final String SUCCEED_PROCESSING_RECORDS = "SucceedProcessing.Records";
    public static final String SUCCEED_PROCESSING_BYTES = "SucceedProcessing.Bytes";
    public static final String SUCCEED_CONVERSION_RECORDS = "SucceedConversion.Records";
    public static final String SUCCEED_CONVERSION_BYTES = "SucceedConversion.Bytes";
    public static final String FAILED_CONVERSION_RECORDS = "FailedConversion.Records";
    public static final String FAILED_CONVERSION_BYTES = "FailedConversion.Bytes";
    public static final String DELIVERY_RECORDS = "DeliveryToS3.Records";
    public static final String DELIVERY_BYTES = "DeliveryToS3.Bytes";
    public static final String DELIVERY_SUCCESS = "DeliveryToS3.Success";
    public static final String DELIVERY_FRESHNESS = "DeliveryToS3.DataFreshness";
    public static final String DELIVERY_OBJECT_COUNT = "DeliveryToS3.ObjectCount";
    public static final String DROPPED_RECORDS = "DroppedProcessing.Records";
    public static final String FAILED_PROCESSING_RECORDS = "FailedProcessing.Records";
    /** Active partitions after a batch was routed, and 1 when a batch had records beyond the quota (dynamic partitioning). */
    public static final String PARTITION_COUNT = "PartitionCount";
    public static final String PARTITION_COUNT_EXCEEDED = "PartitionCountExceeded";

    private static final JsonFactory JSON = new JsonFactory();

    private final String deliveryStreamName;
    private final Clock clock;
    private final BufferedWriter out;
    private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();
    private boolean unflushed;
    private long flushedAtNanos = System.nanoTime();

    public FirehoseMetrics(Path file, String deliveryStreamName, Clock clock) {
        this.deliveryStreamName = deliveryStreamName;
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    public void count(String metric, double value) {
        emit(NAMESPACE, metric, value, "Count");
    }

    public void bytes(String metric, double value) {
        emit(NAMESPACE, metric, value, "Bytes");
    }

    public void millis(String metric, double value) {
        emit(NAMESPACE, metric, value, "Milliseconds");
    }

    public void seconds(String metric, double value) {
        emit(NAMESPACE, metric, value, "Seconds");
    }

    public void local(String metric, double value) {
        emit(LOCAL_NAMESPACE, metric, value, "Count");
    }

    /** The sum of every datapoint of a metric published by this process. */
    public double total(String metric) {
        DoubleAdder adder = totals.get(metric);
        return adder == null ? 0 : adder.sum();
    }

    private synchronized void emit(String namespace, String metric, double value, String unit) {
        totals.computeIfAbsent(metric, m -> new DoubleAdder()).add(value);
        StringWriter line = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("Timestamp", clock.instant().toString());
            g.writeStringField("Namespace", namespace);
            g.writeStringField("MetricName", metric);
            g.writeStringField("DeliveryStreamName", deliveryStreamName);
            if (value == Math.rint(value)) {
                g.writeNumberField("Value", (long) value);
            } else {
                g.writeNumberField("Value", value);
            }
            g.writeStringField("Unit", unit);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            unflushed = true;
            out.write(line.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append metrics: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the buffered datapoints out if the last write is more than a second old: a running delivery stream's
     * metrics reach readers ({@code firelake monitor}) within about a second, without a write per datapoint.
     */
    public synchronized void flushIfDue() {
        if (unflushed && System.nanoTime() - flushedAtNanos > 1_000_000_000L) {
            flush();
        }
    }

    public synchronized void flush() {
        try {
            unflushed = false;
            flushedAtNanos = System.nanoTime();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
