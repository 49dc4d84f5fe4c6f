package io.firelake.local.eventsource.benchmark;

import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.firelake.local.engines.DynamoDbLocalServer;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.eventsource.EventSourceMappingConfig;
import io.firelake.local.eventsource.JavaHandlerFunction;
import io.firelake.local.eventsource.KinesisEventSourceMapping;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbAggregateStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Freshness of the local speed layer: from a tumbling window's end to its items being readable in DynamoDB Local, with
 * the local event source mapping polling kinesalite. A producer thread writes a steady rate; a reader polls the window
 * partitions every 20 ms and notes when each (shard, window) accounting item appears (it is written last).
 *
 * <p>Not a test: run it with {@code local-eventsource/freshness.sh [window seconds, default 5] [windows, default 6]
 * [events per second, default 500]}.
 */
public final class SpeedLayerFreshnessBenchmark {

    public static void main(String[] args) throws Exception {
        int windowSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int eventsPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (Kinesalite kinesalite = Kinesalite.start();
             DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start();
             KinesisClient kinesis = LocalAws.kinesis(kinesalite.endpoint());
             DynamoDbClient dynamo = LocalAws.dynamoDb(dynamoDbLocal.endpoint())) {
            kinesis.createStream(b -> b.streamName("freshness").shardCount(2));
            AggregateTable.createIfMissing(dynamo, "freshness");
            SpeedLayerHandler handler = new SpeedLayerHandler(
                    new DynamoDbAggregateStore(dynamo, "freshness", Duration.ofDays(1)), 10, line -> { });
            EventSourceMappingConfig config = EventSourceMappingConfig.defaults("freshness", "speed-layer")
                    .withBatchSize(1000).withMaximumBatchingWindow(Duration.ofSeconds(1))
                    .withTumblingWindow(Duration.ofSeconds(windowSeconds))
                    .withStartingPosition(EventSourceMappingConfig.StartingPosition.TRIM_HORIZON);
            System.out.printf("freshness: windows of %d s, %d windows, %d events/s over 2 shards, poll interval %d ms,"
                            + " batching window 1 s%n", windowSeconds, windows, eventsPerSecond,
                    config.pollInterval().toMillis());

            List<Long> lags = Collections.synchronizedList(new ArrayList<>());
            Set<String> seen = Collections.synchronizedSet(new HashSet<>());
            long runUntil = System.currentTimeMillis() + (long) windows * windowSeconds * 1000;
            try (KinesisEventSourceMapping mapping = KinesisEventSourceMapping.builder().kinesis(kinesis).config(config)
                    .function(JavaHandlerFunction.of("speed-layer", handler, KinesisTimeWindowEvent.class,
                            TimeWindowEventResponse.class))
                    .log(line -> { }).build().start()) {
                Thread reader = new Thread(() -> poll(dynamo, runUntil + windowSeconds * 2000L, seen, lags));
                reader.start();
                produce(kinesis, eventsPerSecond, runUntil);
                reader.join();
                System.out.println("event source mapping: " + mapping.stats());
            }
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                System.out.println("no window was written");
                return;
            }
            System.out.printf("window end -> items readable: %d (shard, window) pairs; median %d ms, p90 %d ms, max %d ms"
                            + " (includes the 1 s batching window and the %d ms poll interval)%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)),
                    sorted.get(sorted.size() - 1), config.pollInterval().toMillis());
        }
    }

    private static void produce(KinesisClient kinesis, int eventsPerSecond, long until) throws InterruptedException {
        int perTick = Math.max(1, eventsPerSecond / 10);
        while (System.currentTimeMillis() < until) {
            long tick = System.currentTimeMillis();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < perTick; i++) {
                String session = "s-" + (i % 50);
                String json = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"page_view\",\"event_time\":\""
                        + Instant.now() + "\",\"session_id\":\"" + session + "\",\"page_url\":\"/p/" + (i % 20) + "\"}";
                entries.add(PutRecordsRequestEntry.builder().partitionKey(UUID.randomUUID().toString())
                        .data(SdkBytes.fromUtf8String(json)).build());
            }
            kinesis.putRecords(b -> b.streamName("freshness").records(entries));
            long sleep = 100 - (System.currentTimeMillis() - tick);
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
    }

    private static void poll(DynamoDbClient dynamo, long until, Set<String> seen, List<Long> lags) {
        long firstMinute = System.currentTimeMillis() / 60_000 - 1;
        while (System.currentTimeMillis() < until) {
            long lastMinute = System.currentTimeMillis() / 60_000;
            for (long minute = firstMinute; minute <= lastMinute; minute++) {
                String partition = AggregateKeys.windowPartition(minute * 60_000);
                Map<String, AttributeValue> values = new HashMap<>();
                values.put(":pk", AttributeValue.fromS(partition));
                for (Map<String, AttributeValue> item : dynamo.query(b -> b.tableName("freshness").consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(values)).items()) {
                    if (seen.add(item.get("sk").s())) {
                        long end = Instant.parse(item.get("window_end").s()).toEpochMilli();
                        lags.add(System.currentTimeMillis() - end);
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
