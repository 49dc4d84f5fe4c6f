package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.monitoring.metrics.FirehoseMetric;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * computed by the reader, as CloudWatch computes them from datapoints. The names, namespaces and units are
 * {@link FirehoseMetric}'s, the list monitoring reads.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
public final class FirehoseMetrics implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_PENDING_CHARS = 64 * 1024;

    private final String deliveryStreamName;
    private final Clock clock;
    /**
     * Lines wait here and reach the file in one append each flush: several delivery streams share the file, and an
     * append of whole lines never interleaves with another's.
     */
    private final StringBuilder pending = new StringBuilder(8192);
    private final FileChannel out;
    private final Map<FirehoseMetric, DoubleAdder> totals = new ConcurrentHashMap<>();
    private boolean unflushed;
    private long flushedAtNanos = System.nanoTime();

    public FirehoseMetrics(Path file, String deliveryStreamName, Clock clock) {
        this.deliveryStreamName = deliveryStreamName;
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The sum of every datapoint of a metric published by this process. */
    public double total(FirehoseMetric metric) {
        DoubleAdder adder = totals.get(metric);
        return adder == null ? 0 : adder.sum();
    }

    /** One data point, in the metric's namespace and unit. */
    public synchronized void record(FirehoseMetric metric, double value) {
        totals.computeIfAbsent(metric, m -> new DoubleAdder()).add(value);
        StringWriter line = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("Timestamp", clock.instant().toString());
            g.writeStringField("Namespace", metric.namespace());
            g.writeStringField("MetricName", metric.metricName());
            g.writeStringField("DeliveryStreamName", deliveryStreamName);
            if (value == Math.rint(value)) {
                g.writeNumberField("Value", (long) value);
            } else {
                g.writeNumberField("Value", value);
            }
            g.writeStringField("Unit", metric.unit());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unflushed = true;
        pending.append(line).append('\n');
        if (pending.length() >= MAX_PENDING_CHARS) {
            flush();
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
        unflushed = false;
        flushedAtNanos = System.nanoTime();
        if (pending.isEmpty()) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pending));
        pending.setLength(0);
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append metrics: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            flush();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
