package io.firelake.speed.dynamodb;

import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.firelake.local.engines.DynamoDbLocalServer;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.reader.RealtimeCommand;
import io.firelake.speed.report.RealtimeReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Redelivery against real DynamoDB (Local, on loopback): the same window written twice counts once; the reader reads it. */
class IdempotentWritesTest {

    private static final String TABLE = "firelake-realtime-test";
    private static final String CLI_TABLE = "firelake-realtime-cli";
    private static final Instant UNTIL = Instant.parse("2026-11-22T03:09:59Z");
    /**
     * Far beyond the fixtures' dates: with the production 7 days, the items of these 2026-11-22 windows would already
     * be expired, and DynamoDB Local's TTL sweep would delete them at a moment of its choosing during the test.
     */
    private static final Duration RETENTION = Duration.ofDays(3650);
    private static DynamoDbLocalServer dynamoDbLocal;
    private static DynamoDbClient dynamo;

    private final List<String> log = new ArrayList<>();
    private SpeedLayerHandler handler;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDbLocal = DynamoDbLocalServer.start();
        dynamo = DynamoDbClients.create(dynamoDbLocal.endpoint().toString());
        AggregateTable.createIfMissing(dynamo, TABLE);
        AggregateTable.createIfMissing(dynamo, CLI_TABLE);
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamo.close();
        dynamoDbLocal.close();
    }

    @Test
    void aRedeliveredWindowAndARetriedFinalInvocationDoNotDoubleCount() throws Exception {
        handler = new SpeedLayerHandler(new DynamoDbAggregateStore(dynamo, TABLE, RETENTION), 10, log::add);

        Map<String, String> state = runWindow(Map.of());
        RealtimeReport once = RealtimeCommand.report(dynamo, TABLE, UNTIL, 2, 10);

        handler.handleRequest(event("window-final.json", state), null); // the final invocation retried
        runWindow(Map.of());                                             // the whole window redelivered
        RealtimeReport twice = RealtimeCommand.report(dynamo, TABLE, UNTIL, 2, 10);

        assertThat(twice).isEqualTo(once);
        assertThat(once.rows()).extracting(RealtimeReport.MinuteRow::events).containsExactly(1L, 5L);
        assertThat(((io.firelake.speed.core.AggregateValue.Amounts) once.rows().get(1).aggregates().get("events")).values())
                .containsEntry("page_view", BigDecimal.valueOf(3)).containsEntry("purchase", BigDecimal.valueOf(2));
        assertThat(once.totals().get("revenue"))
                .isEqualTo(new io.firelake.speed.core.AggregateValue.Amounts(Map.of("EUR", new BigDecimal("44.99"))));
        assertThat(once.distinct("sessions")).isEqualTo(3);
        assertThat(((io.firelake.speed.core.AggregateValue.Amounts) once.totals().get("pages")).values())
                .containsEntry("https://shop.example/home", BigDecimal.valueOf(2));
        assertThat(once.badByReason()).isEqualTo(Map.of("MALFORMED_JSON", 1L, "UNKNOWN_EVENT_TYPE", 1L, "WRONG_TYPE", 1L));
        assertThat(log).filteredOn(line -> line.contains("window written"))
                .extracting(line -> line.replaceAll(".*\"items_written\":(\\d+),\"items_already_present\":(\\d+).*", "$1/$2"))
                .containsExactly("3/0", "0/3", "0/3");

        Map<String, AttributeValue> item = dynamo.scan(b -> b.tableName(TABLE)).items().get(0);
        long windowEnd = Instant.parse("2026-11-22T03:10:00Z").getEpochSecond();
        assertThat(Long.parseLong(item.get(AggregateTable.TTL_ATTRIBUTE).n())).isEqualTo(windowEnd + RETENTION.toSeconds());
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription().attributeName())
                .isEqualTo(AggregateTable.TTL_ATTRIBUTE);
    }

    @Test
    void theRealtimeCommandPrintsTheLastMinutesFromTheTable() throws Exception {
        handler = new SpeedLayerHandler(new DynamoDbAggregateStore(dynamo, CLI_TABLE, RETENTION), 10, log::add);
        runWindow(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RealtimeCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exit = command.execute("--endpoint", dynamoDbLocal.endpoint().toString(), "--table", CLI_TABLE,
                "--minutes", "2", "--until", UNTIL.toString());

        System.out.print(out); // kept in the surefire output file, to see what a person sees
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("2026-11-22T03:08Z", "2026-11-22T03:09Z", "https://shop.example/home",
                        "revenue: EUR 44.99", "purchases: 2", "items_sold: 3", "sessions: 3",
                        "Bad records skipped: 3");
        StringWriter json = new StringWriter();
        assertThat(new CommandLine(new RealtimeCommand()).setOut(new PrintWriter(json)).execute("--endpoint",
                dynamoDbLocal.endpoint().toString(), "--table", CLI_TABLE, "--minutes", "1", "--until",
                UNTIL.toString(), "--json")).isZero();
        assertThat(json.toString()).contains("\"minute\":\"2026-11-22T03:09Z\",\"events\":5",
                "\"revenue\":{\"EUR\":44.99}", "\"bad_records\":{\"MALFORMED_JSON\":1");
        assertThat(new CommandLine(new RealtimeCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--endpoint", dynamoDbLocal.endpoint().toString(), "--table", "no-such-table")).isEqualTo(1);
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
