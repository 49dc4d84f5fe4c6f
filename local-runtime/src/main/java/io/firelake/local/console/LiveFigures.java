package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.local.eventsource.KinesisEventSourceMapping;
import io.firelake.local.firehose.BufferGauges;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.LocalFirehose;
import io.firelake.local.runtime.SpeedLayer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static io.firelake.monitoring.metrics.FirehoseMetric.*;

/**
 * {@code /api/state}: the pipeline's edges with their counts and rates, what is in flight, the buffers against their
 * hints, the newest flushes and the accounting line. Everything comes from counters the stages keep anyway (the
 * delivery stream's metric totals, its {@link BufferGauges}, the event source mapping's shard stats): nothing is read
 * from disk.
 */
final class LiveFigures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLUSHES_SHOWN = 12;

    private final Supplier<LocalFirehose> firehose;
    private final Optional<SpeedLayer> speedLayer;
    private final ProducerGauge producer;
    private final RateMeter rates = new RateMeter();

    LiveFigures(Supplier<LocalFirehose> firehose, Optional<SpeedLayer> speedLayer, ProducerGauge producer) {
        this.firehose = firehose;
        this.speedLayer = speedLayer;
        this.producer = producer;
    }

    ObjectNode state() {
        LocalFirehose f = firehose.get();
        DeliveryStats stats = f.stats();
        long now = System.nanoTime();
        ObjectNode state = JSON.createObjectNode().put("at", Instant.now().toString());
        state.put("deliveryStream", f.config().name()).put("stream", f.config().sourceStreamName());
        ArrayNode edges = state.putArray("edges");
        if (producer.known()) {
            edge(edges, "producer>stream", producer.records(), producer.bytes(), now);
        }
        edge(edges, "stream>firehose", f.total(DATA_READ_FROM_KINESIS_RECORDS), f.total(DATA_READ_FROM_KINESIS_BYTES), now);
        edge(edges, "firehose>processor", f.total(SUCCEED_PROCESSING_RECORDS) + f.total(FAILED_PROCESSING_RECORDS),
                f.total(SUCCEED_PROCESSING_BYTES), now);
        edge(edges, "processor>conversion", f.total(SUCCEED_CONVERSION_RECORDS) + f.total(FAILED_CONVERSION_RECORDS),
                f.total(SUCCEED_CONVERSION_BYTES) + f.total(FAILED_CONVERSION_BYTES), now);
        edge(edges, "conversion>lake", f.total(DELIVERY_TO_S3_RECORDS), f.total(DELIVERY_TO_S3_BYTES), now);
        edge(edges, "firehose>errors", stats.failed(), -1, now);
        edge(edges, "processor>dropped", stats.dropped(), -1, now);
        speedLayer.ifPresent(layer -> {
            List<KinesisEventSourceMapping.ShardStats> shards = layer.stats();
            edge(edges, "stream>speed", shards.stream().mapToLong(KinesisEventSourceMapping.ShardStats::recordsDelivered)
                    .sum(), -1, now);
            edge(edges, "speed>dynamodb", shards.stream().mapToLong(KinesisEventSourceMapping.ShardStats::windowsClosed)
                    .sum(), -1, now);
        });
        BufferGauges gauges = f.gauges();
        long buffered = gauges.processor().map(BufferGauges.Fill::records).orElse(0L);
        long staged = gauges.objects().stream().mapToLong(BufferGauges.Fill::records).sum();
        state.putObject("inFlight").put("firehose", stats.pending()).put("processorBuffer", buffered)
                .put("s3Buffers", staged).put("invoking", Math.max(0, stats.pending() - buffered - staged));
        buffers(state.putObject("buffers"), f.config(), gauges);
        accounting(state, stats);
        return state;
    }

    private void edge(ArrayNode edges, String id, double records, double bytes, long now) {
        ObjectNode edge = edges.addObject().put("id", id).put("records", (long) records)
                .put("recordsPerSecond", round(rates.rate(id + ":records", records, now)));
        if (bytes >= 0) {
            edge.put("bytes", (long) bytes).put("bytesPerSecond", round(rates.rate(id + ":bytes", bytes, now)));
        }
    }

    private static void buffers(ObjectNode node, DeliveryStreamConfig config, BufferGauges gauges) {
        node.putObject("hints").put("processorBytes", config.processor().buffer().bytes())
                .put("processorSeconds", config.processor().buffer().interval().toSeconds())
                .put("s3Bytes", config.s3Buffer().bytes()).put("s3Seconds", config.s3Buffer().interval().toSeconds());
        ArrayNode fills = node.putArray("fills");
        gauges.processor().ifPresent(p -> fill(fills, p));
        gauges.objects().forEach(o -> fill(fills, o));
        ArrayNode flushes = node.putArray("flushes");
        node.put("flushCount", gauges.flushes());
        gauges.recentFlushes().stream().limit(FLUSHES_SHOWN).forEach(fl -> flushes.addObject()
                .put("at", fl.at().toString()).put("kind", fl.kind()).put("key", fl.key())
                .put("records", fl.records()).put("bytes", fl.bytes()));
    }

    private static void fill(ArrayNode fills, BufferGauges.Fill fill) {
        fills.addObject().put("kind", fill.kind()).put("name", fill.name()).put("records", fill.records())
                .put("bytes", fill.bytes()).put("openedAt", fill.opened().toString());
    }

    private void accounting(ObjectNode state, DeliveryStats stats) {
        long produced = producer.known() ? producer.records() : stats.read();
        String line = String.format(Locale.ROOT, "%s=%d delivered=%d dropped=%d failed=%d in-flight=%d",
                producer.known() ? "produced" : "read", produced, stats.delivered(), stats.dropped(), stats.failed(),
                stats.pending());
        state.putObject("accounting").put("produced", produced).put("read", stats.read())
                .put("delivered", stats.delivered()).put("dropped", stats.dropped()).put("failed", stats.failed())
                .put("inFlight", stats.pending()).put("objects", stats.objects()).put("line", line);
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }
}
