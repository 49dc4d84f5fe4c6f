package io.firelake.benchmarks.workload;

import io.firelake.events.contract.Contracts;
import io.firelake.producer.generate.Simulators;
import io.firelake.producer.generate.FaultKind;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.transform.firehose.SampleBatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Firehose processor batch of realistic clickstream records, as the producer's simulator writes them (sessions,
 * funnels, devices, bots, campaigns) with about 5% faults (malformed JSON, invalid UTF-8, wrong types, missing fields,
 * duplicates, late events).
 *
 * <p>The size is counted the way Firehose's processor buffer hint counts it: record bytes before base64 (the Lambda
 * request itself is about 4/3 of that plus the envelope). Oversized records are left out: a single 1 MB record would be
 * the whole batch.
 *
 * @param payloads     the record bytes, in order
 * @param payloadBytes their total size: the "MB of Firehose input" throughput is counted in
 * @param request      the Lambda request Firehose would send for them (Kinesis source, one shard)
 * @param faulty       how many records carry a fault (duplicates and late events included)
 */
public record RealisticBatch(List<byte[]> payloads, long payloadBytes, byte[] request, int faulty) {

    /** Firehose's default processor buffer hint is 1 MB (0.2 to 3 MB); megabytes here are 10^6 bytes. */
    public static final long MEGABYTE = 1_000_000L;
    public static final double DEFAULT_FAULT_RATE = 0.05;
    public static final long DEFAULT_SEED = 9L;

    public static RealisticBatch ofMegabytes(double megabytes) {
        return of((long) (megabytes * MEGABYTE), DEFAULT_FAULT_RATE, DEFAULT_SEED);
    }

    public static RealisticBatch of(long targetPayloadBytes, double faultRate, long seed) {
        Iterator<ProducerRecord> simulator = simulator(Long.MAX_VALUE, faultRate, seed);
        List<byte[]> payloads = new ArrayList<>();
        long bytes = 0;
        int faulty = 0;
        while (simulator.hasNext()) {
            ProducerRecord record = simulator.next();
            if (bytes + record.data().length > targetPayloadBytes) {
                break;
            }
            payloads.add(record.data());
            bytes += record.data().length;
            if (!ProducerRecord.VALID.equals(record.kind())) {
                faulty++;
            }
        }
        byte[] request = SampleBatch.firehoseRequest(payloads, System.currentTimeMillis());
        return new RealisticBatch(List.copyOf(payloads), bytes, request, faulty);
    }

    /** {@code count} records of the simulator, faults included, for benchmarks that need more than one batch. */
    public static List<ProducerRecord> records(int count, double faultRate, long seed) {
        Iterator<ProducerRecord> simulator = simulator(count, faultRate, seed);
        List<ProducerRecord> records = new ArrayList<>(count);
        while (simulator.hasNext()) {
            records.add(simulator.next());
        }
        return records;
    }

    /** The simulator of the selected contract (clickstream unless a benchmark chose another). */
    private static Iterator<ProducerRecord> simulator(long events, double faultRate, long seed) {
        FaultRates faults = FaultRates.combined(faultRate).with(FaultKind.OVERSIZED, 0);
        return Simulators.of(SimulationSettings.live(seed, events).withFaults(faults), Contracts.selected());
    }

    public int records() {
        return payloads.size();
    }

    public double averageRecordBytes() {
        return payloads.isEmpty() ? 0 : (double) payloadBytes / payloads.size();
    }

    public double payloadMegabytes() {
        return (double) payloadBytes / MEGABYTE;
    }

    @Override
    public String toString() {
        return String.format("%d records, %.2f MB of records (%.0f B avg), %.2f MB request, %d faulty",
                records(), payloadMegabytes(), averageRecordBytes(), request.length / (double) MEGABYTE, faulty);
    }
}
