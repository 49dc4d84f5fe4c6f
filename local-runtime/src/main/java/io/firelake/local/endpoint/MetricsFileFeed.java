package io.firelake.local.endpoint;

import io.firelake.endpoint.cloudwatch.MetricKey;
import io.firelake.endpoint.cloudwatch.MetricStore;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.source.local.MetricsFileReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Feeds the local CloudWatch from the local Firehose's metrics file ({@code firehose/metrics.jsonl}, one datapoint a
 * line as {@code FirehoseMetrics} writes it, each read by monitoring's {@link MetricsFileReader}): each catch-up reads
 * the whole lines appended since the last one, so the endpoint answers with what the delivery streams published up to
 * the request, earlier runs included. A line that cannot be read is skipped, as a half-written one is read again whole
 * at the next catch-up.
 */
public final class MetricsFileFeed implements MetricStore.MetricFeed {

    private final Path file;
    private long offset;

    public MetricsFileFeed(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void catchUp(MetricStore store) {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0;   // the file was replaced (demo starts from an empty data directory)
            }
            if (size == offset) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads to the end
            }
            byte[] bytes = buffer.array();
            int end = buffer.position();
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (bytes[i] == '\n') {
                    line(store, bytes, start, i - start);
                    start = i + 1;
                }
            }
            offset += start;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local Firehose's metrics " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static void line(MetricStore store, byte[] bytes, int from, int length) {
        List<MetricsFileReader.Datapoint> datapoints;
        try {
            datapoints = MetricsFileReader.parse(new String(bytes, from, length, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreadable) {
            return;
        }
        for (MetricsFileReader.Datapoint datapoint : datapoints) {
            MetricPoint point = datapoint.point();
            String stream = datapoint.deliveryStream();
            Map<String, String> dimensions = stream == null ? Map.of() : Map.of(FirehoseMetric.DIMENSION, stream);
            String namespace = datapoint.namespace() == null ? FirehoseMetric.NAMESPACE : datapoint.namespace();
            store.put(MetricKey.of(namespace, point.name(), dimensions), point.timestamp(), point.value(), point.unit());
        }
    }
}
