package io.firelake.speed.dynamodb;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.reader.RealtimeCommand;
import io.firelake.speed.report.RealtimeReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Redelivery against real DynamoDB (Local, embedded): the same window written twice counts once. */
class IdempotentWritesTest {

    private static final String TABLE = "firelake-realtime-test";
    private static final Instant UNTIL = Instant.parse("2026-11-22T03:09:59Z");
    private static AmazonDynamoDBLocal dynamoDbLocal;
    private static DynamoDbClient dynamo;

    private final List<String> log = new ArrayList<>();
    private SpeedLayerHandler handler;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDbLocal = DynamoDBEmbedded.create(false);
        dynamo = dynamoDbLocal.dynamoDbClient();
        AggregateTable.createIfMissing(dynamo, TABLE);
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamo.close();
        dynamoDbLocal.shutdown();
    }

    @Test
    void aRedeliveredWindowAndARetriedFinalInvocationDoNotDoubleCount() throws Exception {
        handler = new SpeedLayerHandler(new DynamoDbAggregateStore(dynamo, TABLE, Duration.ofDays(7)), 10, log::add);

        Map<String, String> state = runWindow(Map.of());
        RealtimeReport once = RealtimeCommand.report(dynamo, TABLE, UNTIL, 2, 10);

        handler.handleRequest(event("window-final.json", state), null); // the final invocation retried
        runWindow(Map.of());                                             // the whole window redelivered
        RealtimeReport twice = RealtimeCommand.report(dynamo, TABLE, UNTIL, 2, 10);

        assertThat(twice).isEqualTo(once);
        assertThat(once.rows()).extracting(RealtimeReport.MinuteRow::events).containsExactly(1L, 5L);
        assertThat(once.rows().get(1).eventsByType()).containsEntry("page_view", 3L).containsEntry("purchase", 2L);
        assertThat(once.revenue()).isEqualTo(Map.of("EUR", new BigDecimal("44.99")));
        assertThat(once.distinctSessions()).isEqualTo(3);
        assertThat(once.topPages()).containsEntry("https://shop.example/home", 2L);
        assertThat(once.badByReason()).isEqualTo(Map.of("MALFORMED_JSON", 1L, "UNKNOWN_EVENT_TYPE", 1L, "WRONG_TYPE", 1L));
        assertThat(log).filteredOn(line -> line.contains("window written"))
                .extracting(line -> line.replaceAll(".*\"items_written\":(\\d+),\"items_already_present\":(\\d+).*", "$1/$2"))
                .containsExactly("3/0", "0/3", "0/3");

        Map<String, AttributeValue> item = dynamo.scan(b -> b.tableName(TABLE)).items().get(0);
        long windowEnd = Instant.parse("2026-11-22T03:10:00Z").getEpochSecond();
        assertThat(Long.parseLong(item.get(AggregateTable.TTL_ATTRIBUTE).n())).isEqualTo(windowEnd + 7 * 86_400);
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription().attributeName())
                .isEqualTo(AggregateTable.TTL_ATTRIBUTE);
    }

    private Map<String, String> runWindow(Map<String, String> initial) throws Exception {
        TimeWindowEventResponse first = handler.handleRequest(event("window-batch-1.json", initial), null);
        TimeWindowEventResponse second = handler.handleRequest(
                event("window-batch-2-with-bad-records.json", first.getState()), null);
        handler.handleRequest(event("window-final.json", second.getState()), null);
        return second.getState();
    }

    private static KinesisTimeWindowEvent event(String name, Map<String, String> state) throws Exception {
        PojoSerializer<KinesisTimeWindowEvent> serializer = LambdaEventSerializers.serializerFor(
                KinesisTimeWindowEvent.class, IdempotentWritesTest.class.getClassLoader());
        try (InputStream in = IdempotentWritesTest.class.getResourceAsStream("/events/" + name)) {
            KinesisTimeWindowEvent event = serializer.fromJson(in);
            event.setState(state);
            return event;
        }
    }
}
