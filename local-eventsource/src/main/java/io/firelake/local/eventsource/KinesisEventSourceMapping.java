package io.firelake.local.eventsource;

import io.firelake.aws.kinesis.StreamShards;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Lambda's Kinesis event source mapping, in process: what drives the speed layer's handler in the local run, against
 * kinesalite and DynamoDB Local, with the semantics the handler meets on AWS.
 *
 * <ul>
 *   <li>Every shard (listed when the mapping starts) is polled with GetRecords by its own thread and invoked one batch
 *       at a time, so records of a shard are processed in order (parallelization factor 1). Reading is aws-base's
 *       shard reader: an expired iterator is renewed after the last record read, throttled or failed reads back off
 *       from 200 ms to 5 s.</li>
 *   <li>A batch holds up to {@code BatchSize} records and at most 6 MB of event; it goes out when full, or when
 *       {@code MaximumBatchingWindowInSeconds} has passed since its first record was read.</li>
 *   <li>With {@code TumblingWindowInSeconds}: records are grouped by the window of their approximate arrival time
 *       (windows aligned on multiples of the window length); a batch never spans two windows; the state returned by an
 *       invocation is passed to the next one of the window; once every record of the window has been read (a later
 *       record was read, or a read started after the window's end caught up with the shard), a final invocation with
 *       no records and {@code isFinalInvokeForWindow: true} goes out, retried until it succeeds. A state over 1 MB ends
 *       the window early ({@code isWindowTerminatedEarly}). A response without {@code state} is a failure.</li>
 *   <li>Function errors retry the batch (backoff from 100 ms to 2 s), splitting it in two first when
 *       {@code BisectBatchOnFunctionError} is set; after {@code MaximumRetryAttempts} (-1: no limit) the batch goes to
 *       the {@link OnFailureDestination} and the shard moves on.</li>
 *   <li>{@code ReportBatchItemFailures}: the records before the lowest reported sequence number are done (checkpoint
 *       and state advance), the rest is retried from that record; a null, empty or unknown identifier fails the whole
 *       batch.</li>
 *   <li>{@code MaximumRecordAgeInSeconds}: records older than that go to the on-failure destination without an
 *       invocation (RecordAgeExceeded).</li>
 *   <li>Checkpoints per shard (last successful sequence number, open window and its state), in memory and optionally in
 *       a JSON file: a restarted mapping resumes after the checkpoint.</li>
 * </ul>
 *
 * <p>The function is invoked with the event serialised to JSON, as Lambda's Invoke API does; {@link JavaHandlerFunction}
 * parses it with the Java runtime's own serialisers. Not modelled: enhanced fan-out,
 * resharding while running (shards are listed once), parallelization factors above 1.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html">Tumbling windows</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html">Partial batch responses</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html">Error handling and on-failure destinations</a>
 */
public final class KinesisEventSourceMapping implements AutoCloseable {

    /** Counters of one shard, for status lines and tests. */
    public record ShardStats(String shardId, String checkpoint, boolean idle, long invocations, long functionErrors,
                             long recordsDelivered, long recordsDiscarded, long windowsClosed) {
    }

    private final KinesisClient kinesis;
    private final EventSourceMappingConfig config;
    private final LambdaFunction function;
    private final OnFailureDestination onFailure;
    private final Clock clock;
    private final Consumer<String> log;
    private final CheckpointStore checkpoints;
    private final Map<String, ShardPoller> pollers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private KinesisEventSourceMapping(Builder builder) {
        this.kinesis = Objects.requireNonNull(builder.kinesis, "a Kinesis client is required");
        this.config = Objects.requireNonNull(builder.config, "a configuration is required");
        this.function = Objects.requireNonNull(builder.function, "a function is required");
        this.log = builder.log;
        this.onFailure = builder.onFailure != null ? builder.onFailure
                : batch -> log.accept("discarded batch (no on-failure destination configured): " + batch);
        this.clock = builder.clock;
        this.checkpoints = new CheckpointStore(config.checkpointFile());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lists the stream's shards and starts polling each one. */
    public synchronized KinesisEventSourceMapping start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        KinesisEventJson events = new KinesisEventJson(config.streamName(), config.functionName());
        List<Shard> shards = StreamShards.list(kinesis, config.streamName());
        for (Shard shard : shards) {
            ShardPoller poller = new ShardPoller(new ShardContext(shard.shardId(), config, function, events, onFailure,
                    clock, log), kinesis, checkpoints);
            pollers.put(shard.shardId(), poller);
            Thread thread = new Thread(poller, "esm-" + config.functionName() + "-" + shard.shardId());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        log.accept("event source mapping " + config.streamName() + " -> " + config.functionName() + ": "
                + shards.size() + " shard(s), batch " + config.batchSize() + ", window "
                + config.tumblingWindow().toSeconds() + " s");
        return this;
    }

    public List<ShardStats> stats() {
        List<ShardStats> stats = new ArrayList<>();
        pollers.forEach((shardId, poller) -> {
            ShardCounters counters = poller.counters;
            stats.add(new ShardStats(shardId, poller.checkpoint(), poller.idle(), counters.invocations.get(),
                    counters.functionErrors.get(), counters.recordsDelivered.get(), counters.recordsDiscarded.get(),
                    counters.windowsClosed.get()));
        });
        return stats;
    }

    /** Whether every shard has read up to its end, processed all it read and closed its windows. */
    public boolean idle() {
        return !pollers.isEmpty() && pollers.values().stream().allMatch(ShardPoller::idle);
    }

    @Override
    public synchronized void close() {
        pollers.values().forEach(ShardPoller::stop);
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static final class Builder {
        private KinesisClient kinesis;
        private EventSourceMappingConfig config;
        private LambdaFunction function;
        private OnFailureDestination onFailure;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = line -> System.out.println("[event-source] " + line);

        /** A client for the stream (built by the caller: kinesalite locally needs JSON, not CBOR). */
        public Builder kinesis(KinesisClient kinesis) {
            this.kinesis = kinesis;
            return this;
        }

        public Builder config(EventSourceMappingConfig config) {
            this.config = config;
            return this;
        }

        public Builder function(LambdaFunction function) {
            this.function = function;
            return this;
        }

        public Builder onFailure(OnFailureDestination onFailure) {
            this.onFailure = onFailure;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public KinesisEventSourceMapping build() {
            return new KinesisEventSourceMapping(this);
        }
    }
}
