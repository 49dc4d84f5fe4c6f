package io.firelake.local.firehose;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link LocalFirehose} on its own thread: it polls the stream continuously (Firehose reads each shard about
 * once a second; this polls again at once while there is data and waits {@code idleWait} when there is none). Drains
 * run on the same thread, so the delivery stream is never touched concurrently.
 */
public final class FirehoseRunner implements AutoCloseable {

    private final LocalFirehose firehose;
    private final Duration idleWait;
    private final Thread thread;
    private final Queue<Request> drains = new ConcurrentLinkedQueue<>();

    private record Request(boolean flushOnly, CompletableFuture<Long> done) {
        Request(boolean flushOnly) {
            this(flushOnly, new CompletableFuture<>());
        }
    }
    private volatile boolean stopping;
    private volatile Throwable failure;

    public FirehoseRunner(LocalFirehose firehose, Duration idleWait) {
        this.firehose = firehose;
        this.idleWait = idleWait;
        this.thread = new Thread(this::loop, "local-firehose-" + firehose.config().name());
        this.thread.setDaemon(true);
    }

    public FirehoseRunner start() {
        thread.start();
        return this;
    }

    /** Reads to the tip of the stream and writes every buffer; returns the records read while draining. */
    public long drain(Duration timeout) {
        return request(new Request(false), timeout);
    }

    /** Writes every buffer without reading further (the stream may be stopping too). */
    public void flush(Duration timeout) {
        request(new Request(true), timeout);
    }

    private long request(Request request, Duration timeout) {
        CompletableFuture<Long> done = request.done;
        drains.add(request);
        if (failure != null || !thread.isAlive()) {
            throw new IllegalStateException("the local Firehose is not running"
                    + (failure == null ? "" : ": it stopped on " + failure), failure);
        }
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the local Firehose failed while draining: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the local Firehose did not drain within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining", e);
        }
    }

    public LocalFirehose firehose() {
        return firehose;
    }

    /** Why the delivery stream stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return thread.isAlive() && failure == null;
    }

    private void loop() {
        try {
            while (!stopping) {
                Request request = drains.poll();
                if (request != null) {
                    try {
                        if (request.flushOnly()) {
                            firehose.flush();
                            request.done().complete(0L);
                        } else {
                            request.done().complete(firehose.drain());
                        }
                    } catch (RuntimeException e) {
                        request.done().completeExceptionally(e);
                        throw e;
                    }
                    continue;
                }
                if (firehose.poll() == 0) {
                    Thread.sleep(idleWait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
            // What the stream published up to its failure (failed puts, invocations) is what monitoring needs most.
            firehose.flushMetrics();
            Request waiting;
            while ((waiting = drains.poll()) != null) {
                waiting.done().completeExceptionally(e);
            }
        }
    }

    /** Stops polling; records not yet delivered stay behind the checkpoint and are read again at the next start. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        firehose.close();
    }
}
