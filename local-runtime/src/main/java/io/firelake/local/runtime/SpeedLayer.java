package io.firelake.local.runtime;

import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.eventsource.EventSourceMappingConfig;
import io.firelake.local.eventsource.JavaHandlerFunction;
import io.firelake.local.eventsource.JsonLinesOnFailureDestination;
import io.firelake.local.eventsource.KinesisEventSourceMapping;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.core.BadRecordReason;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowProcessor;
import io.firelake.speed.core.WindowSummaryItem;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbAggregateStore;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;
import io.firelake.speed.reader.AggregateReader;
import io.firelake.events.contract.Contracts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The speed layer as it runs on AWS, in process: the aggregates table in DynamoDB Local, and Lambda's Kinesis event
 * source mapping ({@code local-eventsource}) driving {@link SpeedLayerHandler} with the SAM template's settings
 * (SpeedLayerWindowSeconds, SpeedLayerBatchSize, SpeedLayerBatchingWindowSeconds, SpeedLayerRetries,
 * SpeedLayerMaxRecordAgeSeconds, AggregatesTableName, AggregatesTtlDays), bisect on error, checkpoints and window
 * state, discarded batches (an SQS queue on AWS) and the handler's log lines where {@link DataLayout} says.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 */
public final class SpeedLayer implements AutoCloseable {

    public static final String FUNCTION_NAME = "firelake-speed-layer";

    /** What the table holds for a range of minutes, summed over shards and windows. */
    public record Summary(long windows, long userRecords, long events, long duplicates, long lateEvents,
                          Map<String, Long> badByReason, long minutesWithEvents, long minuteItems) {
        public long badRecords() {
            return badByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final BufferedWriter log;
    private final KinesisEventSourceMapping mapping;
    private final SpeedLayerSpec spec;

    private SpeedLayer(DynamoDbClient dynamo, String tableName, BufferedWriter log, KinesisEventSourceMapping mapping,
                       SpeedLayerSpec spec) {
        this.spec = spec;
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.log = log;
        this.mapping = mapping;
    }

    /** The mapping's configuration from the SAM template's defaults, before {@code adjust} (tests shorten the window). */
    public static EventSourceMappingConfig config(PipelineSettings settings, DataLayout data) {
        int maxAge = settings.integer("SpeedLayerMaxRecordAgeSeconds");
        return EventSourceMappingConfig.defaults(settings.streamName(), FUNCTION_NAME)
                .withBatchSize(settings.integer("SpeedLayerBatchSize"))
                .withMaximumBatchingWindow(Duration.ofSeconds(settings.integer("SpeedLayerBatchingWindowSeconds")))
                .withTumblingWindow(Duration.ofSeconds(settings.integer("SpeedLayerWindowSeconds")))
                .withBisectBatchOnFunctionError(true)
                .withMaximumRetryAttempts(settings.integer("SpeedLayerRetries"))
                .withMaximumRecordAge(maxAge < 0 ? null : Duration.ofSeconds(maxAge))
                .withCheckpointFile(data.speedLayerCheckpoints());
    }

    public static SpeedLayer start(URI dynamoDbEndpoint, KinesisClient kinesis, PipelineSettings settings,
                                   DataLayout data, UnaryOperator<EventSourceMappingConfig> adjust) {
        String table = settings.text("AggregatesTableName");
        DynamoDbClient dynamo = LocalAws.dynamoDb(dynamoDbEndpoint);
        BufferedWriter log = null;
        try {
            AggregateTable.createIfMissing(dynamo, table);
            Files.createDirectories(data.speedLayerDir());
            Files.createDirectories(data.logsDir());
            log = Files.newBufferedWriter(data.logFile(FUNCTION_NAME), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            BufferedWriter writer = log;
            java.util.function.Consumer<String> logLine = line -> {
                synchronized (writer) {
                    try {
                        writer.write(line);
                        writer.newLine();
                    } catch (IOException e) {
                        // a full disk must not stop the speed layer: its figures are in the table
                    }
                }
            };
            SpeedLayerSpec spec = SpeedLayerContracts.selectedAndChecked();
            SpeedLayerHandler handler = new SpeedLayerHandler(
                    new DynamoDbAggregateStore(dynamo, table, Duration.ofDays(settings.integer("AggregatesTtlDays"))),
                    WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES, logLine, spec);
            KinesisEventSourceMapping mapping = KinesisEventSourceMapping.builder()
                    .kinesis(kinesis)
                    .config(adjust.apply(config(settings, data)))
                    .function(JavaHandlerFunction.of(FUNCTION_NAME, handler, KinesisTimeWindowEvent.class,
                            TimeWindowEventResponse.class))
                    .onFailure(new JsonLinesOnFailureDestination(data.speedLayerOnFailure()))
                    .log(line -> logLine.accept("[event-source] " + line))
                    .build()
                    .start();
            return new SpeedLayer(dynamo, table, log, mapping, spec);
        } catch (IOException e) {
            closeQuietly(log);
            dynamo.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(log);
            dynamo.close();
            throw e;
        }
    }

    public String tableName() {
        return tableName;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public List<KinesisEventSourceMapping.ShardStats> stats() {
        return mapping.stats();
    }

    /**
     * Waits until every shard has processed the stream up to {@code streamEnd} (sequence number by shard, e.g. the
     * drained Firehose's checkpoints) and its open window had its final invocation. Windows close on the clock, as on
     * Lambda, so this takes up to one window length. Returns whether it got there within {@code timeout}.
     */
    public boolean drain(Map<String, String> streamEnd, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (mapping.idle() && reached(streamEnd)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean reached(Map<String, String> streamEnd) {
        Map<String, String> done = new TreeMap<>();
        mapping.stats().forEach(s -> done.put(s.shardId(), s.checkpoint()));
        for (Map.Entry<String, String> end : streamEnd.entrySet()) {
            String checkpoint = done.get(end.getKey());
            if (checkpoint == null || new BigInteger(checkpoint).compareTo(new BigInteger(end.getValue())) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The per-minute items the table holds for event minutes in {@code [firstMinute, lastMinute]}. */
    public List<MinuteItem> minutes(long firstMinute, long lastMinute) {
        return new AggregateReader(dynamo, tableName).minutes(firstMinute, lastMinute);
    }

    /**
     * The table's event-time minutes {@code [firstMinute, lastMinute]} compared with the raw lake under {@code rawDir}
     * for the process's contract ({@link SpeedLayerLakeCheck}); {@code window} is the mapping's tumbling window.
     */
    public SpeedLayerLakeCheck.Result compareWithLake(Path rawDir, long firstMinute, long lastMinute, Duration window) {
        try {
            return new SpeedLayerLakeCheck(spec, Contracts.selected(), rawDir)
                    .compare(minutes(firstMinute, lastMinute), firstMinute, lastMinute, window);
        } catch (SQLException e) {
            return new SpeedLayerLakeCheck.Result(false, List.of("  speed layer vs lake: not compared: " + e.getMessage()));
        }
    }

    /** What the table holds for windows that started, and event minutes, in {@code [firstMinute, lastMinute]}. */
    public Summary summary(long firstMinute, long lastMinute) {
        AggregateReader reader = new AggregateReader(dynamo, tableName);
        long windows = 0, userRecords = 0, events = 0, duplicates = 0, late = 0;
        Map<String, Long> bad = new TreeMap<>();
        for (WindowSummaryItem window : reader.windows(firstMinute, lastMinute)) {
            windows++;
            userRecords += window.userRecords();
            events += window.events();
            duplicates += window.duplicates();
            for (Map.Entry<String, Long> reason : window.badByReason().entrySet()) {
                if (reason.getKey().equals(BadRecordReason.OUT_OF_WINDOW_RANGE.name())) {
                    late += reason.getValue(); // valid events too old for the real-time view: the batch layer has them
                } else {
                    bad.merge(reason.getKey(), reason.getValue(), Long::sum);
                }
            }
        }
        List<MinuteItem> minutes = reader.minutes(firstMinute - WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES, lastMinute);
        long minutesWithEvents = minutes.stream().filter(m -> m.events() > 0).mapToLong(MinuteItem::epochMinute)
                .distinct().count();
        return new Summary(windows, userRecords, events, duplicates, late, bad, minutesWithEvents, minutes.size());
    }

    @Override
    public void close() {
        mapping.close();
        closeQuietly(log);
        dynamo.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on the way out
            }
        }
    }
}
