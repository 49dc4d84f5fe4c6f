package io.firelake.speed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.firelake.speed.core.AggregateStore;
import io.firelake.speed.core.AggregatePlan;
import io.firelake.speed.core.DeclaredEventReader;
import io.firelake.speed.core.EventParser;
import io.firelake.speed.core.Invocation;
import io.firelake.speed.core.InvocationResult;
import io.firelake.speed.core.StreamRecord;
import io.firelake.speed.core.WindowProcessor;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;
import io.firelake.speed.dynamodb.DynamoDbAggregateStore;
import io.firelake.speed.dynamodb.DynamoDbClients;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The speed layer's Lambda: a Kinesis event source mapping with a tumbling window ({@code TumblingWindowInSeconds},
 * SAM parameter SpeedLayerWindowSeconds, 60 s by default) and {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 * A thin shell: it converts the event to plain types, lets {@link WindowProcessor} fold the batch into the window's
 * state, and at the window's final invocation writes the items once through {@link DynamoDbAggregateStore}.
 *
 * <p>Failure contract: bad records never fail the batch (counted, logged with shard and sequence number, skipped); a
 * record whose processing throws is reported as the only batch item failure, with the state covering the records
 * before it, so Lambda retries from it and the shard's order holds; a failed DynamoDB write throws, so Lambda retries the
 * final invocation with the same state, and the conditional writes make that retry harmless.
 *
 * <p>What it aggregates is declared in the contract's {@code speed-layer.yaml} (see docs/contracts.md, "The speed layer's aggregates"),
 * packaged in the jar and chosen by {@code FIRELAKE_CONTRACT}: a packaged contract's name (default clickstream) or a
 * contract folder's path.
 *
 * <p>Environment: {@code FIRELAKE_CONTRACT}, {@code AGGREGATES_TABLE} (default firelake-realtime), {@code AGGREGATES_TTL_DAYS} (7),
 * {@code AGGREGATES_TTL_ATTRIBUTE} (expires_at), {@code ALLOWED_LATENESS_MINUTES} (10), {@code DYNAMODB_ENDPOINT}
 * (only for local runs).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html">Tumbling windows</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html">Partial batch responses</a>
 */
public final class SpeedLayerHandler implements RequestHandler<KinesisTimeWindowEvent, TimeWindowEventResponse> {

    private final WindowProcessor processor;
    private final AggregateStore store;
    private final SpeedLayerLog log;

    /** Lambda's constructor: the DynamoDB client is built once per execution environment, from the environment. */
    public SpeedLayerHandler() {
        this(SpeedLayerConfig.fromEnvironment(System.getenv()));
    }

    private SpeedLayerHandler(SpeedLayerConfig config) {
        this(new DynamoDbAggregateStore(DynamoDbClients.create(config.dynamoDbEndpoint()), config.tableName(),
                Duration.ofDays(config.ttlDays()), config.ttlAttribute()), config.allowedLatenessMinutes(),
                System.out::println, SpeedLayerContracts.selected());
    }

    /**
     * For the local runtime and tests: the caller owns the store (and its client); the contract is the one
     * {@code FIRELAKE_CONTRACT} names (default clickstream).
     */
    public SpeedLayerHandler(AggregateStore store, int allowedLatenessMinutes, Consumer<String> log) {
        this(store, allowedLatenessMinutes, log, SpeedLayerContracts.selected());
    }

    public SpeedLayerHandler(AggregateStore store, int allowedLatenessMinutes, Consumer<String> log,
                             SpeedLayerSpec spec) {
        this(store, allowedLatenessMinutes, log, new AggregatePlan(spec), null);
    }

    /**
     * With another parser wrapping the plan's {@link DeclaredEventReader} (null for that reader): tests use one that
     * fails on a record, to see Lambda's partial batch response ({@code BatchItemFailures}) carried through the event
     * source mapping.
     */
    public SpeedLayerHandler(AggregateStore store, int allowedLatenessMinutes, Consumer<String> log,
                             AggregatePlan plan, EventParser parser) {
        this.store = store;
        this.log = new SpeedLayerLog(log);
        this.processor = new WindowProcessor(plan, parser == null ? new DeclaredEventReader(plan) : parser, this.log,
                allowedLatenessMinutes);
    }

    @Override
    public TimeWindowEventResponse handleRequest(KinesisTimeWindowEvent event, Context context) {
        InvocationResult result = processor.process(toInvocation(event));
        if (result.stateNotice() != null) {
            log.stateNotice(event.getShardId(), event.getWindow().getStart(), result.stateNotice());
        }
        if (result.output() != null) {
            AggregateStore.WriteReport report = store.write(result.output());
            log.windowWritten(event.getShardId(), event.getWindow().getStart(), result.windowState(), report);
        }
        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>(1);
        if (result.firstFailedSequenceNumber() != null) {
            log.recordFailed(event.getShardId(), result.firstFailedSequenceNumber());
            failures.add(new TimeWindowEventResponse.BatchItemFailure(result.firstFailedSequenceNumber()));
        }
        return new TimeWindowEventResponse(new java.util.HashMap<>(result.state()), failures);
    }

    static Invocation toInvocation(KinesisTimeWindowEvent event) {
        List<KinesisEvent.KinesisEventRecord> eventRecords = event.getRecords() == null ? List.of() : event.getRecords();
        List<StreamRecord> records = new ArrayList<>(eventRecords.size());
        for (KinesisEvent.KinesisEventRecord eventRecord : eventRecords) {
            KinesisEvent.Record kinesis = eventRecord.getKinesis();
            records.add(new StreamRecord(kinesis.getSequenceNumber(), kinesis.getPartitionKey(),
                    bytes(kinesis.getData()),
                    kinesis.getApproximateArrivalTimestamp() == null ? 0
                            : kinesis.getApproximateArrivalTimestamp().getTime()));
        }
        Map<String, String> state = event.getState() == null ? Map.of() : event.getState();
        return new Invocation(event.getShardId(), Instant.parse(event.getWindow().getStart()).toEpochMilli(),
                Instant.parse(event.getWindow().getEnd()).toEpochMilli(), state, records,
                Boolean.TRUE.equals(event.getIsFinalInvokeForWindow()));
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
