package io.firelake.producer.send;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of a run; read by the progress line and turned into the summary at the end. */
public final class SendStats {

    final LongAdder accepted = new LongAdder();
    final LongAdder acceptedBytes = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder deliveredBytes = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder kinesisRecords = new LongAdder();
    final LongAdder kinesisBytes = new LongAdder();
    final LongAdder aggregates = new LongAdder();
    final LongAdder putPayloadUnits = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder retriedEntries = new LongAdder();
    final LongAdder retriedRequests = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final Map<String, LongAdder> acceptedByKind = new ConcurrentHashMap<>();
    final Map<String, LongAdder> failuresByCode = new ConcurrentHashMap<>();

    void accepted(String kind, int bytes) {
        accepted.increment();
        acceptedBytes.add(bytes);
        acceptedByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void failed(String code) {
        failed.increment();
        failuresByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    public long acceptedRecords() {
        return accepted.sum();
    }

    public long deliveredRecords() {
        return delivered.sum();
    }

    public long deliveredBytes() {
        return deliveredBytes.sum();
    }

    public long failedRecords() {
        return failed.sum();
    }

    public long retriedEntries() {
        return retriedEntries.sum();
    }

    public long throttledEntries() {
        return throttled.sum();
    }

    public long putPayloadUnits() {
        return putPayloadUnits.sum();
    }

    /** A snapshot of everything counted so far. */
    public SendSummary snapshot(long elapsedNanos) {
        return new SendSummary(accepted.sum(), acceptedBytes.sum(), delivered.sum(), deliveredBytes.sum(),
                failed.sum(), kinesisRecords.sum(), kinesisBytes.sum(), aggregates.sum(), putPayloadUnits.sum(),
                requests.sum(), retriedEntries.sum(), retriedRequests.sum(), throttled.sum(), sorted(acceptedByKind),
                sorted(failuresByCode), elapsedNanos);
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
