package io.firelake.local.firehose;

import io.firelake.monitoring.metrics.FirehoseMetric;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery stream's metrics, recorded at the boundaries of its stages: what a round read from the source, each
 * invocation attempt (on its invocation thread), where an invocation's records were routed, each PutObject. Publishes
 * Firehose's CloudWatch metrics through {@link FirehoseMetrics} and keeps the counters of {@link DeliveryStats}.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
final class DeliveryMetrics {

    private final FirehoseMetrics out;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failedInvocations = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final Map<String, AtomicLong> failedByType = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failedByCode = new ConcurrentHashMap<>();

    DeliveryMetrics(FirehoseMetrics out) {
        this.out = out;
    }

    /** Source: the user records of one round and the bytes of their Kinesis records (aggregates as read). */
    void read(int records, long bytes) {
        read.addAndGet(records);
        if (records > 0) {
            out.record(FirehoseMetric.DATA_READ_FROM_KINESIS_RECORDS, records);
            out.record(FirehoseMetric.DATA_READ_FROM_KINESIS_BYTES, bytes);
            out.record(FirehoseMetric.INCOMING_RECORDS, records);
            out.record(FirehoseMetric.INCOMING_BYTES, bytes);
        }
    }

    /** Source: how far a shard's read was behind its tip. */
    void behindLatest(long millis) {
        out.record(FirehoseMetric.KINESIS_MILLIS_BEHIND_LATEST, millis);
    }

    /** Processor: one attempt of an invocation, retries included. */
    void invoked(long startedNanos, boolean succeeded) {
        invocations.incrementAndGet();
        out.record(FirehoseMetric.EXECUTE_PROCESSING_DURATION, (System.nanoTime() - startedNanos) / 1_000_000.0);
        out.record(FirehoseMetric.EXECUTE_PROCESSING_SUCCESS, succeeded ? 1 : 0);
        if (!succeeded) {
            failedInvocations.incrementAndGet();
        }
    }

    /** Router: a tally of one answered invocation's records, published by {@link #routed}. */
    Tally tally() {
        return new Tally();
    }

    /** Router: one answered invocation's records are in their buffers; {@code activePartitions} lake buffers are open. */
    void routed(Tally tally, int activePartitions) {
        ok.addAndGet(tally.ok);
        dropped.addAndGet(tally.dropped);
        out.record(FirehoseMetric.PARTITION_COUNT, activePartitions);
        out.record(FirehoseMetric.PARTITION_COUNT_EXCEEDED, tally.partitionLimitHits > 0 ? 1 : 0);
        out.record(FirehoseMetric.SUCCEED_PROCESSING_RECORDS, tally.ok + tally.dropped);
        out.record(FirehoseMetric.SUCCEED_PROCESSING_BYTES, tally.okBytes);
        if (tally.failedProcessing > 0) {
            out.record(FirehoseMetric.FAILED_PROCESSING_RECORDS, tally.failedProcessing);
        }
        if (tally.dropped > 0) {
            out.record(FirehoseMetric.DROPPED_PROCESSING_RECORDS, tally.dropped);
        }
        if (tally.converted + tally.failedConversions > 0) {
            out.record(FirehoseMetric.SUCCEED_CONVERSION_RECORDS, tally.converted);
            out.record(FirehoseMetric.SUCCEED_CONVERSION_BYTES, tally.convertedBytes);
            out.record(FirehoseMetric.FAILED_CONVERSION_RECORDS, tally.failedConversions);
            out.record(FirehoseMetric.FAILED_CONVERSION_BYTES, tally.failedConversionBytes);
        }
    }

    /** Router: every attempt of an invocation failed, and its records go to {@code processing-failed}. */
    void invocationFailed(int records) {
        out.record(FirehoseMetric.FAILED_PROCESSING_RECORDS, records);
    }

    /** Destination: one record is in an error buffer. */
    void failed(Route.ToErrorPrefix error) {
        failedByType.computeIfAbsent(error.outputType(), t -> new AtomicLong()).incrementAndGet();
        failedByCode.computeIfAbsent(error.errorCode(), c -> new AtomicLong()).incrementAndGet();
    }

    /** Destination: a PutObject attempt failed. */
    void putFailed() {
        out.record(FirehoseMetric.DELIVERY_TO_S3_SUCCESS, 0);
    }

    /**
     * Destination: an object of {@code records} is written, {@code objectBytes} long; {@code lake} when it is a
     * Parquet object of the lake, not errors. {@code DeliveryToS3.Records} and {@code .Bytes} are what Firehose calls
     * delivered: the records of data objects and those objects' bytes; records written to the error prefix failed,
     * and their metrics say so ({@code FailedProcessing.Records}, {@code FailedConversion.Records}). Success,
     * ObjectCount and DataFreshness count every PutObject, as each is one, error objects included.
     */
    void put(long records, long objectBytes, Instant oldestArrival, Instant now, boolean lake) {
        out.record(FirehoseMetric.DELIVERY_TO_S3_SUCCESS, 1);
        if (lake) {
            out.record(FirehoseMetric.DELIVERY_TO_S3_RECORDS, records);
            out.record(FirehoseMetric.DELIVERY_TO_S3_BYTES, objectBytes);
            delivered.addAndGet(records);
            objects.incrementAndGet();
        }
        out.record(FirehoseMetric.DELIVERY_TO_S3_OBJECT_COUNT, 1);
        freshness(oldestArrival, now);
    }

    /** The age of the oldest record not yet in S3 ({@link FreshnessGauge} between objects). */
    void freshness(Instant oldestWaiting, Instant now) {
        out.record(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS,
                Math.max(0, Duration.between(oldestWaiting, now).toMillis() / 1000.0));
    }

    /** The sum of every data point of {@code metric} this delivery stream published: the console's counters. */
    double total(FirehoseMetric metric) {
        return out.total(metric);
    }

    /** Writes buffered data points out when the last write is a second old (metrics reach readers within it). */
    void flushIfDue() {
        out.flushIfDue();
    }

    void flush() {
        out.flush();
    }

    DeliveryStats stats(long pending) {
        Map<String, Long> byType = new TreeMap<>();
        failedByType.forEach((k, v) -> byType.put(k, v.get()));
        Map<String, Long> byCode = new TreeMap<>();
        failedByCode.forEach((k, v) -> byCode.put(k, v.get()));
        return new DeliveryStats(read.get(), invocations.get(), failedInvocations.get(), ok.get(), dropped.get(),
                delivered.get(), objects.get(), byType, byCode, pending);
    }

    /** What the router decided for one invocation's records, by the processor's result. */
    static final class Tally {
        private long ok;
        private long okBytes;
        private long dropped;
        private long failedProcessing;
        private long converted;
        private long convertedBytes;
        private long failedConversions;
        private long failedConversionBytes;
        private long partitionLimitHits;

        void count(ProcessedRecord record, Route route) {
            switch (record.transformed().result()) {
                case DROPPED -> dropped++;
                case PROCESSING_FAILED -> failedProcessing++;
                case OK -> {
                    ok++;
                    okBytes += record.size();
                    if (route instanceof Route.ToLake) {
                        converted++;
                        convertedBytes += record.size();
                    } else if (route instanceof Route.ToErrorPrefix error) {
                        countOkFailure(error.outputType(), record.size());
                    }
                }
            }
        }

        /** Records that converted but had no partition are counted neither as converted nor as failed conversions. */
        private void countOkFailure(String outputType, int size) {
            if (ErrorDocuments.FORMAT_CONVERSION_FAILED.equals(outputType)) {
                failedConversions++;
                failedConversionBytes += size;
            } else if (ErrorDocuments.ACTIVE_PARTITION_EXCEEDED.equals(outputType)) {
                partitionLimitHits++;
            }
        }
    }
}
