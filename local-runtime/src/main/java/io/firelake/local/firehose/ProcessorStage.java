package io.firelake.local.firehose;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.Sleeper;

import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.OpenXJsonDeserializer;
import org.apache.avro.generic.GenericRecord;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The processor stage: buffers records by the processor's size and interval hints (and Lambda's request payload
 * limit), invokes the processor synchronously with each batch, up to {@code concurrentInvocations} at a time, checks
 * each response against the contract ({@link ProcessorProtocol}), abandons an invocation still running after the
 * function's timeout, retries a failed or timed-out invocation {@code NumberOfRetries} times, converts each Ok record with the table's schema on the invocation's thread, and hands on one
 * {@link Invocation} per batch, in the order the batches were made.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>
 */
final class ProcessorStage implements AutoCloseable {

    /** Request bytes per record besides its base64 data: the record id, timestamps and Kinesis metadata. */
    private static final int REQUEST_BYTES_PER_RECORD = 420;

    private final DeliveryStreamConfig config;
    private final ProcessorProtocol protocol;
    private final OpenXJsonDeserializer deserializer;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    /** NumberOfRetries after the first invocation, waiting n times the backoff before retry n. */
    private final RetryPolicy retries;
    private final Consumer<Invocation> next;
    /** Each invocation thread's own handler, as each Lambda execution environment has its own instance. */
    private final ThreadLocal<Processor> processors;
    /** Null when invocations run on the delivery thread, one at a time. */
    private final ExecutorService executor;
    /**
     * Where each handler call runs, so that the invoking thread can stop waiting at the function's timeout: a call
     * that ignores the interrupt keeps its (daemon) thread and the next call gets another one.
     */
    private final ExecutorService functionThreads;
    private final Deque<Future<Invocation>> inFlight = new ArrayDeque<>();

    private final List<SourceRecord> batch = new ArrayList<>();
    private long batchBytes;
    private long batchRequestBytes;
    private Instant batchStarted;

    ProcessorStage(DeliveryStreamConfig config, ProcessorProtocol protocol, OpenXJsonDeserializer deserializer,
                   Supplier<Processor> handlers, DeliveryMetrics metrics, Clock clock, Consumer<Invocation> next) {
        this.config = config;
        this.protocol = protocol;
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = RetryPolicy.retries(config.processor().retries(), Backoff.linear(config.processor().retryBackoff(),
                config.processor().retryBackoff().multipliedBy(Math.max(1, config.processor().retries()))));
        this.next = next;
        // Created here so that a handler that cannot be created fails the start, not the first invocation.
        AtomicReference<Processor> first = new AtomicReference<>(handlers.get());
        // The first instance goes to the first thread that asks; a thread whose handler timed out asks again.
        this.processors = ThreadLocal.withInitial(() -> {
            Processor unused = first.getAndSet(null);
            return unused != null ? unused : handlers.get();
        });
        this.executor = config.processor().concurrentInvocations() > 1
                ? Executors.newFixedThreadPool(config.processor().concurrentInvocations(), daemonThreads("local-firehose-invoke-"))
                : null;
        this.functionThreads = Executors.newCachedThreadPool(daemonThreads("local-firehose-function-"));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Buffers one record, invoking the processor first when the record would not fit the hints. */
    void add(SourceRecord record) {
        int size = record.data().length;
        long requestBytes = (size + 2L) / 3 * 4 + REQUEST_BYTES_PER_RECORD;
        if (!batch.isEmpty() && (batchBytes + size > config.processor().buffer().bytes()
                || batchRequestBytes + requestBytes > config.processor().maxRequestBytes())) {
            invoke();
        }
        if (batch.isEmpty()) {
            batchStarted = clock.instant();
        }
        batch.add(record);
        batchBytes += size;
        batchRequestBytes += requestBytes;
    }

    /** What the processor's buffer holds now, or null when it is empty (for {@link BufferGauges}). */
    BufferGauges.Fill fill() {
        return batch.isEmpty() ? null
                : new BufferGauges.Fill("processor", "processor", batch.size(), batchBytes, batchStarted);
    }

    /** Invokes the processor on what is buffered if the interval hint has passed; hands on what is done. */
    void poll() {
        if (!batch.isEmpty() && !clock.instant().isBefore(batchStarted.plus(config.processor().buffer().interval()))) {
            invoke();
        }
        handOn(false);
    }

    /** Invokes the processor on whatever is buffered and hands on every invocation: a drain or a clean stop. */
    void flush() {
        if (!batch.isEmpty()) {
            invoke();
        }
        handOn(true);
    }

    /**
     * Runs {@code task} once on every invocation thread at the same time (so each handler instance initializes), or
     * on this thread when invocations run on the delivery thread; returns when all are done.
     */
    void onEveryInvocationThread(Runnable task) {
        if (executor == null) {
            task.run();
            return;
        }
        List<Future<?>> threads = new ArrayList<>();
        for (int i = 0; i < config.processor().concurrentInvocations(); i++) {
            threads.add(executor.submit(task));
        }
        for (Future<?> thread : threads) {
            Tasks.await(thread, "a warm-up");
        }
    }

    /**
     * Invokes this thread's handler on {@code records} in batches of the size hint and converts the Ok records into
     * {@code rows}: once, without retries, metrics or anything handed on (a warm-up). Throws what the handler throws.
     */
    void tryOut(List<SourceRecord> records, Consumer<GenericRecord> rows) throws Exception {
        Processor processor = processors.get();
        int from = 0;
        while (from < records.size()) {
            int to = from;
            long bytes = 0;
            while (to < records.size()
                    && (to == from || bytes + records.get(to).data().length <= config.processor().buffer().bytes())) {
                bytes += records.get(to).data().length;
                to++;
            }
            List<SourceRecord> sent = records.subList(from, to);
            if (protocol.parse(sent, processor.invoke(protocol.request(sent)))
                    instanceof ProcessorProtocol.Outcome.Succeeded succeeded) {
                for (ProcessorProtocol.RecordResult result : succeeded.records()) {
                    if (result.result() == ProcessorProtocol.Result.OK
                            && deserializer.deserialize(result.data()) instanceof ConversionResult.Converted converted) {
                        rows.accept(converted.row());
                    }
                }
            }
            from = to;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        functionThreads.shutdownNow();
    }

    private void invoke() {
        List<SourceRecord> records = new ArrayList<>(batch);
        batch.clear();
        batchBytes = 0;
        batchRequestBytes = 0;
        if (executor == null) {
            next.accept(execute(records));
            return;
        }
        inFlight.add(executor.submit(() -> execute(records)));
        handOn(false);
        while (inFlight.size() > config.processor().concurrentInvocations()) {
            next.accept(Tasks.await(inFlight.poll(), "a processor invocation"));
        }
    }

    /** Hands on finished invocations in the order they were made (all of them when {@code all}). */
    private void handOn(boolean all) {
        while (!inFlight.isEmpty() && (all || inFlight.peek().isDone())) {
            next.accept(Tasks.await(inFlight.poll(), "a processor invocation"));
        }
    }

    /** One invocation with its retries, and the conversion of its Ok records; runs on an invocation thread. */
    private Invocation execute(List<SourceRecord> records) {
        byte[] request = protocol.request(records);
        RetryPolicy.Attempted<ProcessorProtocol.Outcome> attempted;
        try {
            attempted = retries.repeat(null, previous -> invokeOnce(records, request),
                    outcome -> outcome instanceof ProcessorProtocol.Outcome.Succeeded, Sleeper.THREAD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between invocation retries", e);
        }
        if (attempted.value() instanceof ProcessorProtocol.Outcome.Succeeded succeeded) {
            return new Invocation.Answered(convert(succeeded.records()), attempted.attempts(), clock.instant());
        }
        ProcessorProtocol.Outcome.Failed failed = (ProcessorProtocol.Outcome.Failed) attempted.value();
        return new Invocation.Failed(records, attempted.attempts(), failed.errorCode(), failed.message(),
                clock.instant());
    }

    /**
     * One synchronous invocation on this thread's handler (a new one after a timeout), checked against the contract;
     * a handler that throws is a failed invocation.
     */
    private ProcessorProtocol.Outcome invokeOnce(List<SourceRecord> records, byte[] request) {
        long started = System.nanoTime();
        ProcessorProtocol.Outcome outcome;
        try {
            outcome = protocol.parse(records, call(processors.get(), request));
        } catch (FunctionTimedOut e) {
            outcome = new ProcessorProtocol.Outcome.Failed(ProcessorProtocol.FUNCTION_ERROR, e.getMessage());
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            outcome = new ProcessorProtocol.Outcome.Failed(ProcessorProtocol.FUNCTION_ERROR,
                    "The Lambda function failed: " + e);
        }
        metrics.invoked(started, outcome instanceof ProcessorProtocol.Outcome.Succeeded);
        return outcome;
    }

    /**
     * Calls the handler on a function thread and waits at most the function's timeout. Lambda ends a timed-out
     * invocation and its execution environment, so this thread's handler instance is discarded: the retry runs on a
     * new one while the old call (interrupted) finishes or not on its own daemon thread.
     */
    private byte[] call(Processor processor, byte[] request) throws Exception {
        Future<byte[]> call = functionThreads.submit(() -> processor.invoke(request));
        try {
            return call.get(config.processor().timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            processors.remove();
            throw new FunctionTimedOut(config.processor().timeout());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Lambda's answer to an invocation that outlived the function's timeout (its own wording). */
    private static final class FunctionTimedOut extends Exception {
        FunctionTimedOut(java.time.Duration timeout) {
            super(String.format(java.util.Locale.ROOT, "The Lambda function failed: Task timed out after %.2f seconds",
                    timeout.toMillis() / 1000.0));
        }
    }

    private List<ProcessedRecord> convert(List<ProcessorProtocol.RecordResult> results) {
        List<ProcessedRecord> processed = new ArrayList<>(results.size());
        for (ProcessorProtocol.RecordResult result : results) {
            processed.add(new ProcessedRecord(result,
                    result.result() == ProcessorProtocol.Result.OK ? deserializer.deserialize(result.data()) : null));
        }
        return processed;
    }
}
