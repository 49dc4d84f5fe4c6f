package io.firelake.benchmarks.producer;

import io.firelake.benchmarks.workload.FixedSizeEvents;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.PutPayloadUnits;
import io.firelake.producer.send.SendSummary;
import io.firelake.producer.send.SenderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Not a test: compares, against one kinesalite in one run, this producer (aggregated and not) with a naive loop that
 * sends one PutRecord per event, and counts PUT payload units against the theoretical minimum for 400-byte events.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.firelake.benchmarks.producer.ProducerBenchmark [producerEvents] [naiveSeconds]
 * </pre>
 */
public final class ProducerBenchmark {

    static final int EVENT_BYTES = FixedSizeEvents.DEFAULT_BYTES;

    private ProducerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int producerEvents = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int naiveSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int shards = 4;
        List<ProducerRecord> events = events(producerEvents);
        System.out.printf(Locale.ROOT, "%,d events of %d bytes; %d cores; kinesalite with %d shards per stream%n",
                events.size(), EVENT_BYTES, Runtime.getRuntime().availableProcessors(), shards);

        try (Kinesalite kinesalite = Kinesalite.start();
             KinesisClient kinesis = LocalAws.kinesis(kinesalite.endpoint())) {
            for (String stream : List.of("naive", "aggregated", "plain")) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
                kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
            }
            warmUp(kinesalite, kinesis);

            long naiveSent = 0;
            long naiveStart = System.nanoTime();
            long naiveDeadline = naiveStart + Duration.ofSeconds(naiveSeconds).toNanos();
            for (ProducerRecord event : events) {
                kinesis.putRecord(b -> b.streamName("naive").partitionKey(event.partitionKey())
                        .data(SdkBytes.fromByteArrayUnsafe(event.data())));
                naiveSent++;
                if (System.nanoTime() > naiveDeadline) {
                    break;
                }
            }
            double naiveSeconds2 = (System.nanoTime() - naiveStart) / 1e9;
            double naiveRate = naiveSent / naiveSeconds2;

            SendSummary aggregated = run(kinesalite, "aggregated", events, SenderSettings.defaults());
            int plainCount = Math.min(events.size(), 60_000);
            SendSummary plain = run(kinesalite, "plain", events.subList(0, plainCount),
                    SenderSettings.defaults().withAggregation(false));

            double minimumPerMillion = 1e6 * EVENT_BYTES / PutPayloadUnits.BYTES;
            double aggregatedPerMillion = aggregated.putPayloadUnits() * 1e6 / aggregated.delivered();
            double plainPerMillion = plain.putPayloadUnits() * 1e6 / plain.delivered();
            System.out.println();
            System.out.println("| sender | events | seconds | events/s | vs naive | PUT payload units per million events | vs minimum |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| naive loop, one PutRecord per event | %,d | %.1f | %,.0f | 1.0x | %,.0f | %.1fx |%n",
                    naiveSent, naiveSeconds2, naiveRate, 1e6, 1e6 / minimumPerMillion);
            System.out.printf(Locale.ROOT, "| firelake producer, KPL aggregation (default) | %,d | %.1f | %,.0f | %.1fx | %,.0f | +%.1f%% |%n",
                    aggregated.delivered(), aggregated.seconds(), aggregated.recordsPerSecond(),
                    aggregated.recordsPerSecond() / naiveRate, aggregatedPerMillion,
                    100 * (aggregatedPerMillion / minimumPerMillion - 1));
            System.out.printf(Locale.ROOT, "| firelake producer, --no-aggregation | %,d | %.1f | %,.0f | %.1fx | %,.0f | %.1fx |%n",
                    plain.delivered(), plain.seconds(), plain.recordsPerSecond(),
                    plain.recordsPerSecond() / naiveRate, plainPerMillion, plainPerMillion / minimumPerMillion);
            System.out.printf(Locale.ROOT, "%nTheoretical minimum: %,.0f PUT payload units per million %d-byte events "
                            + "(total bytes / %,d-byte unit). Aggregated run: %,d Kinesis records (%,d aggregates) in "
                            + "%,d PutRecords requests, %.2f MB/s of events.%n",
                    minimumPerMillion, EVENT_BYTES, PutPayloadUnits.BYTES, aggregated.kinesisRecords(),
                    aggregated.aggregates(), aggregated.requests(), aggregated.megabytesPerSecond());
            if (aggregated.failed() > 0 || plain.failed() > 0) {
                System.out.println("WARNING: undeliverable records: " + aggregated.failuresByCode() + " "
                        + plain.failuresByCode());
            }
        }
    }

    private static SendSummary run(Kinesalite kinesalite, String stream, List<ProducerRecord> events,
                                   SenderSettings settings) throws InterruptedException {
        ProducerResult result = ProducerRun.builder().endpoint(kinesalite.endpoint()).stream(stream)
                .source(events.iterator()).settings(settings).build().run();
        return result.summary();
    }

    private static void warmUp(Kinesalite kinesalite, KinesisClient kinesis) throws InterruptedException {
        kinesis.createStream(b -> b.streamName("warm-up").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("warm-up"));
        run(kinesalite, "warm-up", events(5_000), SenderSettings.defaults());
        for (ProducerRecord event : events(200)) {
            kinesis.putRecord(b -> b.streamName("warm-up").partitionKey(event.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(event.data())));
        }
    }

    static List<ProducerRecord> events(int count) {
        return FixedSizeEvents.clickstream(count);
    }
}
