package io.firelake.benchmarks.cost;

import java.util.ArrayList;
import java.util.List;

import static io.firelake.benchmarks.cost.Prices.GB;
import static io.firelake.benchmarks.cost.Prices.HOURS_PER_MONTH;
import static io.firelake.benchmarks.cost.Prices.KB;
import static io.firelake.benchmarks.cost.Prices.TB;

/**
 * What AWS would charge a month for the firelake pipeline, from measured per-event figures ({@link Inputs}) and a
 * design ({@link Design}), at the list prices of {@link Prices}. Every line says how it was computed, so the reader can
 * see which design choice moves which line: aggregation changes how many Kinesis records there are, and both Kinesis
 * (1 KB rounding on demand, 25 KB PUT payload units provisioned) and Firehose (5 KB rounding) bill per record.
 *
 * @see <a href="https://aws.amazon.com/kinesis/data-streams/pricing/">Kinesis Data Streams pricing</a>
 * @see <a href="https://aws.amazon.com/firehose/pricing/">Firehose pricing</a>
 */
public final class CostModel {

    /** Kinesis PUT payload unit: 25 KB of a record. */
    static final double PUT_PAYLOAD_UNIT_BYTES = 25 * KB;
    /** Firehose rounds every record up to a multiple of 5 KB for ingestion and format conversion. */
    static final double FIREHOSE_ROUNDING_BYTES = 5 * KB;
    /** A provisioned shard takes 1 MB/s or 1,000 records/s in, and serves 2 MB/s out shared by its consumers. */
    static final double SHARD_WRITE_BYTES_PER_SECOND = 1024 * KB;
    static final double SHARD_WRITE_RECORDS_PER_SECOND = 1000;
    static final double SHARD_READ_BYTES_PER_SECOND = 2048 * KB;
    /** Lambda gives a full vCPU at 1,769 MB: below that, CPU-bound work takes 1769/memory times longer. */
    static final double LAMBDA_FULL_VCPU_MB = 1769;
    static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

    private CostModel() {
    }

    /**
     * Per-event and per-batch figures, measured by the other benchmarks or stated as assumptions.
     *
     * @param rawEventBytes              a producer record (JSON)
     * @param partitionKeyBytes          its partition key (the session id), billed with the record by Kinesis
     * @param eventsPerAggregate         user records in one KPL aggregate of at most one PUT payload unit
     * @param aggregateBytes             such an aggregate's size, partition key included
     * @param enrichedJsonBytes          the transform's output line
     * @param parquetBytes               a row in the lake's SNAPPY Parquet
     * @param gzipJsonBytes              the same row as gzip JSON lines (for the Athena comparison)
     * @param reportColumnBytes          Parquet bytes per row of the columns a typical report reads
     * @param failedShare                records the transform fails (they go to the error prefix)
     * @param lateShare                  events whose time is hours in the past (they open extra partitions)
     * @param transformCpuMsPerMB        transform CPU per MB of Firehose input (wire path, Lambda's JIT)
     * @param coldStartCpuMs             CPU of one cold start to first response
     * @param speedLayerEventsPerCpuSecondAggregated speed-layer handler throughput on KPL aggregates
     * @param speedLayerEventsPerCpuSecondPlain      the same on one event per Kinesis record (aggregation off)
     * @param dynamoItemsPerWindowPerShard items the speed layer writes per tumbling window and shard
     * @param dynamoWriteUnitsPerWindowPerShard write units those items cost together (1 per started KB of each)
     */
    public record Inputs(double rawEventBytes, double partitionKeyBytes, double eventsPerAggregate,
                         double aggregateBytes, double enrichedJsonBytes, double parquetBytes, double gzipJsonBytes,
                         double reportColumnBytes, double failedShare, double lateShare, double transformCpuMsPerMB,
                         double coldStartCpuMs, double speedLayerEventsPerCpuSecondAggregated,
                         double speedLayerEventsPerCpuSecondPlain, double dynamoItemsPerWindowPerShard,
                         double dynamoWriteUnitsPerWindowPerShard) {
    }

    /**
     * The choices that change the bill (defaults: sam/template.yaml's parameters).
     *
     * @param eventsPerMonth        events produced in a month
     * @param aggregation           KPL aggregation in the producer
     * @param provisioned           provisioned stream (else on-demand)
     * @param processorBufferMB     Firehose's Lambda processor buffer (MB; 1 by default, at most 3)
     * @param processorIntervalSec  its interval (60 s by default)
     * @param s3BufferMB            Firehose's S3 buffer (64 MB by default; at least 64 with format conversion)
     * @param s3IntervalSec         its interval (300 s by default)
     * @param peakToAverage         traffic at the busiest hour over the monthly average (sizes provisioned shards)
     * @param onDemandShards        shards an on-demand stream runs on (4 at creation), for the per-shard speed layer
     * @param consumers             stream consumers reading all data (Firehose and the speed layer)
     * @param lateSpreadHours       how many past hours late events fall into
     * @param coldStartsPerMonth    transform cold starts in a month
     * @param speedLayerBatchWindowSec the speed layer's batching window (one invocation per shard per window at most)
     * @param speedLayerWindowSec   the tumbling window
     */
    public record Design(long eventsPerMonth, boolean aggregation, boolean provisioned, double processorBufferMB,
                         double processorIntervalSec, double s3BufferMB, double s3IntervalSec, double peakToAverage,
                         int onDemandShards, int consumers, int lateSpreadHours, double coldStartsPerMonth,
                         double speedLayerBatchWindowSec, double speedLayerWindowSec) {

        public static Design defaults(long eventsPerMonth) {
            return new Design(eventsPerMonth, true, false, 1, 60, 64, 300, 3, 4, 2, 48, 730, 5, 60);
        }

        public Design withAggregation(boolean on) {
            return new Design(eventsPerMonth, on, provisioned, processorBufferMB, processorIntervalSec, s3BufferMB,
                    s3IntervalSec, peakToAverage, onDemandShards, consumers, lateSpreadHours, coldStartsPerMonth,
                    speedLayerBatchWindowSec, speedLayerWindowSec);
        }

        public Design withProvisioned(boolean on) {
            return new Design(eventsPerMonth, aggregation, on, processorBufferMB, processorIntervalSec, s3BufferMB,
                    s3IntervalSec, peakToAverage, onDemandShards, consumers, lateSpreadHours, coldStartsPerMonth,
                    speedLayerBatchWindowSec, speedLayerWindowSec);
        }

        public Design withBuffers(double processorMB, double s3MB, double s3Seconds) {
            return new Design(eventsPerMonth, aggregation, provisioned, processorMB, processorIntervalSec, s3MB,
                    s3Seconds, peakToAverage, onDemandShards, consumers, lateSpreadHours, coldStartsPerMonth,
                    speedLayerBatchWindowSec, speedLayerWindowSec);
        }

        public String label() {
            return (provisioned ? "provisioned" : "on-demand") + ", aggregation " + (aggregation ? "on" : "off");
        }
    }

    /** One line of the bill. */
    public record Line(String service, String item, String how, double usd) {
    }

    /** A month's bill for a design. */
    public record Bill(Design design, List<Line> lines, int shards, double lakeObjects) {

        public double total() {
            return lines.stream().mapToDouble(Line::usd).sum();
        }

        public double usd(String item) {
            return lines.stream().filter(l -> l.item().equals(item)).mapToDouble(Line::usd).sum();
        }
    }

    public static Bill monthly(Inputs in, Design d) {
        List<Line> lines = new ArrayList<>();
        double events = d.eventsPerMonth();
        double avgPerSecond = events / SECONDS_PER_MONTH;

        // Kinesis records: one per event, or one aggregate per eventsPerAggregate events.
        double records = d.aggregation() ? events / in.eventsPerAggregate() : events;
        double recordBytes = d.aggregation() ? in.aggregateBytes() : in.rawEventBytes() + in.partitionKeyBytes();
        double recordKbBilled = Math.ceil(recordBytes / KB);
        int shards;
        if (d.provisioned()) {
            double peakRecords = records / SECONDS_PER_MONTH * d.peakToAverage();
            double peakBytes = peakRecords * recordBytes;
            shards = (int) Math.max(1, Math.max(Math.ceil(peakRecords / SHARD_WRITE_RECORDS_PER_SECOND),
                    Math.max(Math.ceil(peakBytes / SHARD_WRITE_BYTES_PER_SECOND),
                            Math.ceil(peakBytes * d.consumers() / SHARD_READ_BYTES_PER_SECOND))));
            lines.add(new Line("Kinesis", "shard-hours", String.format("%d shards x %.0f h (peak %.0f records/s at %.0fx the average)",
                    shards, HOURS_PER_MONTH, peakRecords, d.peakToAverage()),
                    shards * HOURS_PER_MONTH * Prices.KINESIS_SHARD_HOUR));
            double units = records * Math.ceil(recordBytes / PUT_PAYLOAD_UNIT_BYTES);
            lines.add(new Line("Kinesis", "PUT payload units", String.format("%,.0f units (%,.0f records of %,.0f B)",
                    units, records, recordBytes), units / 1e6 * Prices.KINESIS_PUT_PAYLOAD_UNITS_MILLION));
        } else {
            shards = d.onDemandShards();
            lines.add(new Line("Kinesis", "on-demand stream-hours", String.format("%.0f h", HOURS_PER_MONTH),
                    HOURS_PER_MONTH * Prices.KINESIS_ON_DEMAND_STREAM_HOUR));
            double ingestGb = records * recordKbBilled * KB / GB;
            lines.add(new Line("Kinesis", "on-demand data in", String.format("%,.1f GB billed (%,.0f records x %.0f KB, rounded up per record)",
                    ingestGb, records, recordKbBilled), ingestGb * Prices.KINESIS_ON_DEMAND_INGEST_GB));
            double outGb = records * recordBytes * d.consumers() / GB;
            lines.add(new Line("Kinesis", "on-demand data retrieved", String.format("%,.1f GB (%d consumers)", outGb, d.consumers()),
                    outGb * Prices.KINESIS_ON_DEMAND_RETRIEVAL_GB));
        }

        // Firehose reads the stream's records as they are (an aggregate is one record) and bills 5 KB steps of each.
        double firehoseGb = records * Math.ceil(recordBytes / FIREHOSE_ROUNDING_BYTES) * FIREHOSE_ROUNDING_BYTES / GB;
        lines.add(new Line("Firehose", "ingestion", String.format("%,.1f GB billed (%,.0f records rounded up to 5 KB steps; %,.1f GB actual)",
                firehoseGb, records, records * recordBytes / GB), firehoseGb * Prices.FIREHOSE_INGEST_GB));
        lines.add(new Line("Firehose", "format conversion (Parquet)", String.format("%,.1f GB billed, as ingestion", firehoseGb),
                firehoseGb * Prices.FIREHOSE_FORMAT_CONVERSION_GB));
        double okEvents = events * (1 - in.failedShare());
        double deliveredGb = okEvents * in.enrichedJsonBytes() / GB;
        double hours = HOURS_PER_MONTH;
        double intervalsPerHour = 3600 / d.s3IntervalSec();
        double bufferedBytesPerHour = okEvents / hours * in.enrichedJsonBytes();
        double currentObjectsPerHour = Math.max(Math.ceil(bufferedBytesPerHour / (d.s3BufferMB() * 1e6)),
                Math.min(intervalsPerHour, Math.ceil(events / hours)));
        // Late events land in older hour partitions: each buffer flush writes one small object per such partition.
        double lateEventsPerInterval = events * in.lateShare() / hours / intervalsPerHour;
        double lateObjectsPerHour = intervalsPerHour * Math.min(d.lateSpreadHours(), lateEventsPerInterval);
        double errorObjectsPerHour = Math.min(intervalsPerHour, events * in.failedShare() / hours);
        double lakeObjects = (currentObjectsPerHour + lateObjectsPerHour) * hours;
        double errorObjects = errorObjectsPerHour * hours;
        lines.add(new Line("Firehose", "dynamic partitioning", String.format(
                "%,.1f GB delivered (enriched JSON, before conversion) + %,.0f objects (%,.0f of them for late events)",
                deliveredGb, lakeObjects + errorObjects, lateObjectsPerHour * hours),
                deliveredGb * Prices.FIREHOSE_DYNAMIC_PARTITIONING_GB
                        + (lakeObjects + errorObjects) / 1000 * Prices.FIREHOSE_DYNAMIC_PARTITIONING_OBJECTS_THOUSAND));

        // Lambda transform: CPU-bound, so GB-s = CPU seconds x 1769/1024 at any memory up to 1,769 MB.
        double inputMB = events * in.rawEventBytes() / 1e6;
        double invocations = Math.max(inputMB / d.processorBufferMB(), Math.min(hours * 3600 / d.processorIntervalSec(),
                events));
        double cpuSeconds = inputMB * in.transformCpuMsPerMB() / 1000 + d.coldStartsPerMonth() * in.coldStartCpuMs() / 1000;
        double gbSeconds = cpuSeconds * LAMBDA_FULL_VCPU_MB / 1024;
        lines.add(new Line("Lambda", "transform", String.format(
                "%,.0f invocations, %,.0f GB-s (%,.0f MB x %.1f CPU ms/MB + %.0f cold starts x %.0f ms)",
                invocations, gbSeconds, inputMB, in.transformCpuMsPerMB(), d.coldStartsPerMonth(), in.coldStartCpuMs()),
                invocations / 1e6 * Prices.LAMBDA_REQUESTS_MILLION + gbSeconds * Prices.LAMBDA_GB_SECOND));
        double speedInvocations = Math.min(shards * SECONDS_PER_MONTH / d.speedLayerBatchWindowSec(), Math.max(records, 1))
                + shards * SECONDS_PER_MONTH / d.speedLayerWindowSec();
        double speedEventsPerCpuSecond = d.aggregation() ? in.speedLayerEventsPerCpuSecondAggregated()
                : in.speedLayerEventsPerCpuSecondPlain();
        double speedGbSeconds = events / speedEventsPerCpuSecond * LAMBDA_FULL_VCPU_MB / 1024;
        lines.add(new Line("Lambda", "speed layer", String.format(
                "%,.0f invocations (%d shards), %,.0f GB-s (%,.0f events per CPU second)",
                speedInvocations, shards, speedGbSeconds, speedEventsPerCpuSecond),
                speedInvocations / 1e6 * Prices.LAMBDA_REQUESTS_MILLION + speedGbSeconds * Prices.LAMBDA_GB_SECOND));

        double windows = shards * SECONDS_PER_MONTH / d.speedLayerWindowSec();
        double writeUnits = windows * in.dynamoWriteUnitsPerWindowPerShard();
        lines.add(new Line("DynamoDB", "on-demand writes", String.format(
                "%,.0f write units (%,.0f windows x %.0f WRU for their %.0f items)",
                writeUnits, windows, in.dynamoWriteUnitsPerWindowPerShard(), in.dynamoItemsPerWindowPerShard()),
                writeUnits / 1e6 * Prices.DYNAMODB_WRITE_UNITS_MILLION));

        double lakeGb = okEvents * in.parquetBytes() / GB
                + events * in.failedShare() * (in.rawEventBytes() * 4 / 3 + 300) / GB;
        lines.add(new Line("S3", "storage of the month's data", String.format(
                "%,.2f GB-month (Parquet, plus error documents); it adds up month after month", lakeGb),
                lakeGb * Prices.S3_STANDARD_GB_MONTH));
        lines.add(new Line("S3", "PUT requests", String.format("%,.0f objects", lakeObjects + errorObjects),
                (lakeObjects + errorObjects) / 1000 * Prices.S3_PUT_THOUSAND));
        return new Bill(d, lines, shards, lakeObjects);
    }

    /** One Athena query over {@code events} rows that reads {@code bytesPerRow} of each. */
    public static double athenaUsd(double events, double bytesPerRow) {
        double scanned = Math.max(Prices.ATHENA_MINIMUM_BYTES, events * bytesPerRow);
        return scanned / TB * Prices.ATHENA_TB_SCANNED;
    }
}
