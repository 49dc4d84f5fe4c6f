package io.firelake.producer;

import io.firelake.producer.firehose.FirehoseRecordSink;
import io.firelake.events.contract.Contracts;
import io.firelake.producer.generate.Simulators;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.kinesis.KinesisRecordSink;
import io.firelake.producer.kinesis.StreamAdmin;
import io.firelake.producer.manifest.ManifestWriter;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;
import io.firelake.producer.send.ProducerAbortedException;
import io.firelake.producer.send.RecordSender;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SendSummary;
import io.firelake.producer.send.SenderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The producer as a library: what {@code firelake-producer.jar} does, callable in process (the local runtime's
 * {@code firelake demo} uses it).
 *
 * <pre>{@code
 * ProducerResult result = ProducerRun.builder()
 *         .endpoint(URI.create("http://127.0.0.1:4567"))      // omit on AWS
 *         .stream("firelake-events")                          // or .deliveryStream("NAME"): Direct PUT
 *         .simulate(SimulationSettings.live(42, 100_000).withFaults(FaultRates.combined(0.01)))
 *         .manifest(Path.of("manifest.jsonl"))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class ProducerRun {

    public static final String DEFAULT_STREAM = "firelake-events";

    /**
     * @param summary     the counters at the end
     * @param abortReason why the run stopped before its source was exhausted, or null
     */
    public record ProducerResult(SendSummary summary, String abortReason) {
        /** Every record the source gave was delivered. */
        public boolean complete() {
            return abortReason == null && summary.complete();
        }
    }

    private final Builder options;

    private ProducerRun(Builder options) {
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ProducerResult run() throws InterruptedException {
        Iterator<ProducerRecord> source = Objects.requireNonNull(options.source, "a source: simulate() or source()");
        RecordSink sink = options.sink;
        boolean ownsSink = sink == null;
        if (sink == null) {
            sink = options.deliveryStream != null
                    ? FirehoseRecordSink.open(options.endpoint, options.region, options.deliveryStream,
                    options.settings)
                    : openStream();
        }
        ManifestWriter manifest = options.manifest == null ? null : ManifestWriter.to(options.manifest);
        DeliveryListener listener = manifest == null ? options.listener : both(manifest, options.listener);
        ScheduledExecutorService progress = null;
        String abortReason = null;
        try (RecordSender sender = new RecordSender(sink, options.settings, listener)) {
            if (options.progress != null) {
                progress = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "firelake-producer-progress");
                    thread.setDaemon(true);
                    return thread;
                });
                Consumer<SendSummary> consumer = options.progress;
                progress.scheduleAtFixedRate(() -> consumer.accept(sender.summary()),
                        options.progressInterval.toMillis(), options.progressInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            long start = System.nanoTime();
            long deadline = options.duration == null ? Long.MAX_VALUE : start + options.duration.toNanos();
            double nanosPerRecord = options.rate > 0 ? 1e9 / options.rate : 0;
            long sent = 0;
            try {
                while (source.hasNext()) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        break;
                    }
                    if (nanosPerRecord > 0) {
                        long due = start + (long) (sent * nanosPerRecord);
                        if (due > now) {
                            TimeUnit.NANOSECONDS.sleep(Math.min(due - now, deadline - now));
                            if (System.nanoTime() >= deadline) {
                                break;
                            }
                        }
                    }
                    sender.send(source.next());
                    sent++;
                }
            } catch (ProducerAbortedException e) {
                abortReason = e.getMessage();
            }
            SendSummary summary = sender.finish();
            if (abortReason == null && sender.fatalError() != null) {
                abortReason = "stopped sending: " + sender.fatalError().getMessage();
            }
            return new ProducerResult(summary, abortReason);
        } finally {
            if (progress != null) {
                progress.shutdownNow();
            }
            if (manifest != null) {
                manifest.close();
            }
            if (ownsSink) {
                sink.close();
            }
        }
    }

    private KinesisRecordSink openStream() {
        KinesisRecordSink kinesis = KinesisRecordSink.open(options.endpoint, options.region, options.stream,
                options.settings);
        if (options.createShards > 0) {
            try {
                StreamAdmin.createIfMissing(kinesis.client(), options.stream, options.createShards,
                        Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                kinesis.close();
                throw e;
            }
        }
        return kinesis;
    }

    private static DeliveryListener both(DeliveryListener first, DeliveryListener second) {
        if (second == null || second == DeliveryListener.NONE) {
            return first;
        }
        return new DeliveryListener() {
            @Override
            public void delivered(ProducerRecord record, Delivery delivery) {
                first.delivered(record, delivery);
                second.delivered(record, delivery);
            }

            @Override
            public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
                first.failed(record, errorCode, errorMessage, attempts);
                second.failed(record, errorCode, errorMessage, attempts);
            }
        };
    }

    public static final class Builder {
        private URI endpoint;
        private String region;
        private String stream = DEFAULT_STREAM;
        private String deliveryStream;
        private int createShards;
        private RecordSink sink;
        private Iterator<ProducerRecord> source;
        private SenderSettings settings = SenderSettings.defaults();
        private double rate;
        private Duration duration;
        private Path manifest;
        private DeliveryListener listener = DeliveryListener.NONE;
        private Consumer<SendSummary> progress;
        private Duration progressInterval = Duration.ofMillis(500);

        private Builder() {
        }

        /**
         * A Kinesis endpoint such as kinesalite's, or for a delivery stream one that serves Firehose (firelake's local
         * AWS endpoint); null (the default) for AWS's regional endpoint.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Null for the default region chain (us-east-1 for a loopback endpoint). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder stream(String stream) {
            this.stream = stream;
            return this;
        }

        /**
         * Sends to this Firehose delivery stream (Direct PUT) with PutRecordBatch instead of to the Kinesis stream:
         * no KPL aggregation, Firehose's limits; null (the default) for the stream.
         */
        public Builder deliveryStream(String deliveryStream) {
            this.deliveryStream = deliveryStream;
            return this;
        }

        /** Creates the stream with this many shards if it does not exist (0, the default, never creates). */
        public Builder createStreamIfMissing(int shards) {
            this.createShards = shards;
            return this;
        }

        /** Sends through this sink instead of building a Kinesis or Firehose client (the caller closes it). */
        public Builder sink(RecordSink sink) {
            this.sink = sink;
            return this;
        }

        public Builder source(Iterator<ProducerRecord> source) {
            this.source = source;
            return this;
        }

        public Builder simulate(SimulationSettings simulation) {
            this.source = Simulators.of(simulation, Contracts.selected());
            return this;
        }

        public Builder settings(SenderSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Records per second to send at; 0 (the default) sends as fast as the stream takes them. */
        public Builder rate(double recordsPerSecond) {
            this.rate = recordsPerSecond;
            return this;
        }

        /** Stop taking records from the source after this wall time; null for no limit. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder manifest(Path manifest) {
            this.manifest = manifest;
            return this;
        }

        public Builder listener(DeliveryListener listener) {
            this.listener = listener == null ? DeliveryListener.NONE : listener;
            return this;
        }

        /** Called every {@code interval} with the counters so far, from a background thread. */
        public Builder progress(Consumer<SendSummary> progress, Duration interval) {
            this.progress = progress;
            this.progressInterval = interval;
            return this;
        }

        public ProducerRun build() {
            if (deliveryStream != null && createShards > 0) {
                throw new IllegalArgumentException("createStreamIfMissing creates a Kinesis stream; a delivery stream "
                        + "is created with CreateDeliveryStream");
            }
            return new ProducerRun(this);
        }
    }
}
