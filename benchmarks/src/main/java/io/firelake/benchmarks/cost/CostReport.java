package io.firelake.benchmarks.cost;

import io.firelake.benchmarks.results.Results;
import io.firelake.benchmarks.workload.RealisticBatch;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.producer.generate.FaultKind;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.TransformResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Prints the cost model's tables for one million and one billion events a month, fed by what the other benchmarks
 * saved under benchmarks/target/results (each input says whether it was measured or assumed), and by two figures it
 * measures itself on realistic records: how many events a KPL aggregate of one PUT payload unit holds, and which share
 * of records the transform fails.
 */
public final class CostReport {

    /** The columns an hourly traffic report reads (partition columns are free: they are in the S3 path). */
    static final List<String> REPORT_COLUMNS = List.of("event_ts", "event_type", "session_id", "is_bot");
    static final int AGGREGATE_MAX_BYTES = 25_000;

    /*
     * The speed layer's figures, from its own benchmark (docs/benchmarks.md, section "Speed layer";
     * speed-layer/benchmark.sh prints them and saves no results file for this report to read). Handler throughput on
     * one core, with the duplicate filter's recent event ids carried in the window state (the deflated state never
     * reaches DynamoDB: Lambda passes it between invocations, so it costs CPU, counted here, and no writes).
     */
    static final double SPEED_LAYER_EVENTS_PER_CPU_SECOND_AGGREGATED = 526_316;
    static final double SPEED_LAYER_EVENTS_PER_CPU_SECOND_PLAIN = 545_455;
    /*
     * What a (shard, 60 s window) writes at 1,000 events/s per shard with events up to 3 s late: one item per
     * event-time minute the window saw (2 here; 3 to 9 write units each, the 2 KiB sessions sketch and up to 50
     * pages) and one accounting item (1 unit), 11 write units in all (AggregateTable.writeUnits).
     */
    static final double SPEED_LAYER_ITEMS_PER_WINDOW_PER_SHARD = 3;
    static final double SPEED_LAYER_WRITE_UNITS_PER_WINDOW_PER_SHARD = 11;

    private CostReport() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println(String.join("\n",
                    "Usage: java -cp benchmarks/target/benchmarks.jar " + CostReport.class.getName(),
                    "",
                    "Prints what AWS would charge a month for 1 million and 1 billion events (Kinesis on-demand and",
                    "provisioned, aggregation on and off, Firehose, Lambda, S3, Athena per report, DynamoDB), from the",
                    "figures the other benchmarks saved under benchmarks/target/results and the prices in Prices.java.",
                    "Run the other benchmarks first (benchmarks/run.sh does), or it uses stated defaults."));
            return;
        }
        Results results = Results.fromSystemProperty();
        Map<String, String> provenance = new LinkedHashMap<>();

        List<ProducerRecord> sample = RealisticBatch.records(20_000, RealisticBatch.DEFAULT_FAULT_RATE,
                RealisticBatch.DEFAULT_SEED);
        double rawBytes = sample.stream().mapToLong(r -> r.data().length).average().orElse(0);
        double keyBytes = sample.stream().mapToLong(r -> r.partitionKey().getBytes(StandardCharsets.UTF_8).length)
                .average().orElse(0);
        provenance.put("raw event", String.format(Locale.ROOT, "%.0f B + %.0f B partition key: measured (producer simulator, 20,000 records)", rawBytes, keyBytes));
        double[] aggregation = aggregate(sample);
        provenance.put("KPL aggregate", String.format(Locale.ROOT,
                "%.1f events in %.0f B: measured (kinesis-aggregation encoder, aggregates up to %,d B as the producer packs them)",
                aggregation[0], aggregation[1], AGGREGATE_MAX_BYTES));
        double[] shares = failedAndLateShares(sample);
        provenance.put("failed / late records", String.format(Locale.ROOT,
                "%.2f%% / %.2f%%: measured (transform core on the same records, ~5%% faults)", shares[0] * 100, shares[1] * 100));

        double enriched = figure(results, "parquet", "jsonBytesPerEvent", 875, "enriched JSON line", "B", provenance);
        double parquet = figure(results, "parquet", "parquetBytesPerEvent", 57, "Parquet row", "B", provenance);
        double gzip = figure(results, "parquet", "gzipBytesPerEvent", 68, "gzip JSON row", "B", provenance);
        double reportColumns = 0;
        boolean measuredColumns = true;
        for (String column : REPORT_COLUMNS) {
            OptionalDouble bytes = results.figure("parquet", "column." + column + ".bytesPerEvent");
            measuredColumns &= bytes.isPresent();
            reportColumns += bytes.orElse(1.5);
        }
        provenance.put("report columns", String.format(Locale.ROOT, "%.2f B per row for %s: %s", reportColumns,
                String.join(", ", REPORT_COLUMNS), measuredColumns ? "measured (Parquet benchmark, column chunk sizes)"
                        : "DEFAULT (run the Parquet benchmark to measure)"));
        double transformMs = transformCpuMsPerMB(results, provenance);
        double coldMs = figure(results, "coldstart", "lambda-java17.cpuMedianMs", 2500,
                "cold start CPU (Lambda's Java 17 JVM flags)", "ms", provenance);
        provenance.put("speed layer", String.format(Locale.ROOT,
                "%,.0f events per CPU second on KPL aggregates, %,.0f on plain records: measured by the speed layer's "
                        + "benchmark (its section; duplicate filter's state included)",
                SPEED_LAYER_EVENTS_PER_CPU_SECOND_AGGREGATED, SPEED_LAYER_EVENTS_PER_CPU_SECOND_PLAIN));
        provenance.put("DynamoDB writes", String.format(Locale.ROOT,
                "%.0f write units for %.0f items per 60 s window per shard (0.05 writes per 1,000 events at 1,000 "
                        + "events/s per shard): measured by the speed layer's benchmark; a quiet shard's window "
                        + "writes about 4 (WriteUnitsTest), so the 1M columns overstate this line",
                SPEED_LAYER_WRITE_UNITS_PER_WINDOW_PER_SHARD, SPEED_LAYER_ITEMS_PER_WINDOW_PER_SHARD));

        CostModel.Inputs inputs = new CostModel.Inputs(rawBytes, keyBytes, aggregation[0], aggregation[1], enriched,
                parquet, gzip, reportColumns, shares[0], shares[1], transformMs, coldMs,
                SPEED_LAYER_EVENTS_PER_CPU_SECOND_AGGREGATED, SPEED_LAYER_EVENTS_PER_CPU_SECOND_PLAIN,
                SPEED_LAYER_ITEMS_PER_WINDOW_PER_SHARD, SPEED_LAYER_WRITE_UNITS_PER_WINDOW_PER_SHARD);

        StringBuilder md = new StringBuilder();
        md.append("Inputs:\n\n| input | value and source |\n|---|---|\n");
        provenance.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append(String.format(Locale.ROOT, "%nPrices: %s list prices of %s (see Prices.java for each page and which figures are assumptions).%n%n",
                Prices.REGION, Prices.AS_OF));

        List<CostModel.Design> designs = List.of(
                CostModel.Design.defaults(1_000_000),
                CostModel.Design.defaults(1_000_000).withProvisioned(true),
                CostModel.Design.defaults(1_000_000_000),
                CostModel.Design.defaults(1_000_000_000).withAggregation(false),
                CostModel.Design.defaults(1_000_000_000).withProvisioned(true),
                CostModel.Design.defaults(1_000_000_000).withProvisioned(true).withAggregation(false));
        List<CostModel.Bill> bills = designs.stream().map(d -> CostModel.monthly(inputs, d)).toList();
        md.append("Monthly bill, USD (sam/template.yaml's buffers: processor 1 MB / 60 s, S3 64 MB / 300 s):\n\n| line |");
        for (CostModel.Bill bill : bills) {
            md.append(String.format(Locale.ROOT, " %s events/month, %s |", bill.design().eventsPerMonth() == 1_000_000
                    ? "1M" : "1B", bill.design().label()));
        }
        md.append("\n|---|");
        bills.forEach(b -> md.append("---:|"));
        md.append("\n");
        for (CostModel.Line line : mergedLines(bills)) {
            md.append("| ").append(line.service()).append(": ").append(line.item()).append(" |");
            for (CostModel.Bill bill : bills) {
                boolean present = bill.lines().stream().anyMatch(l -> l.service().equals(line.service())
                        && l.item().equals(line.item()));
                md.append(present ? String.format(Locale.ROOT, " %s |", usd(bill.usd(line.item()))) : " - |");
            }
            md.append("\n");
        }
        md.append("| **total** |");
        bills.forEach(b -> md.append(String.format(Locale.ROOT, " **%s** |", usd(b.total()))));
        md.append("\n| per million events |");
        bills.forEach(b -> md.append(String.format(Locale.ROOT, " %s |", usd(b.total() / (b.design().eventsPerMonth() / 1e6)))));
        md.append("\n\nHow each line of the 1 billion events/month, on-demand, aggregation-on bill is computed:\n\n");
        md.append("| line | quantity | USD |\n|---|---|---:|\n");
        for (CostModel.Line line : bills.get(2).lines()) {
            md.append(String.format(Locale.ROOT, "| %s: %s | %s | %s |%n", line.service(), line.item(), line.how(), usd(line.usd())));
        }

        md.append("\nAthena, one report (10 MB minimum per query; partition pruning to the date range):\n\n");
        md.append("| report | lake format | bytes scanned | USD per run |\n|---|---|---:|---:|\n");
        double day = 1e9 / 30;
        double month = 1e9;
        athenaRow(md, "hourly traffic, one day of 1B/month", "Parquet, 4 columns", day, reportColumns);
        athenaRow(md, "hourly traffic, one day of 1B/month", "gzip JSON (every byte)", day, gzip);
        athenaRow(md, "hourly traffic, the month (1B events)", "Parquet, 4 columns", month, reportColumns);
        athenaRow(md, "hourly traffic, the month (1B events)", "gzip JSON (every byte)", month, gzip);
        athenaRow(md, "hourly traffic, the month (1B events)", "JSON, uncompressed", month, enriched);
        athenaRow(md, "hourly traffic, the month (1M events)", "Parquet, 4 columns", 1e6, reportColumns);

        md.append("\nBuffer sizes at 1 billion events/month (on-demand, aggregation on):\n\n");
        md.append("| processor buffer | S3 buffer | lake objects/month | Firehose dynamic partitioning | S3 PUTs | Lambda transform | total |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (double[] b : new double[][]{{1, 64, 300}, {3, 64, 300}, {1, 128, 900}, {3, 128, 900}}) {
            CostModel.Bill bill = CostModel.monthly(inputs, CostModel.Design.defaults(1_000_000_000).withBuffers(b[0], b[1], b[2]));
            md.append(String.format(Locale.ROOT, "| %.0f MB | %.0f MB / %.0f s | %,.0f | %s | %s | %s | %s |%n", b[0], b[1], b[2],
                    bill.lakeObjects(), usd(bill.usd("dynamic partitioning")), usd(bill.usd("PUT requests")),
                    usd(bill.usd("transform")), usd(bill.total())));
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        for (CostModel.Bill bill : bills) {
            figures.put((bill.design().eventsPerMonth() == 1_000_000 ? "1M" : "1B") + "." + bill.design().label()
                    .replace(", ", ".").replace(' ', '-') + ".totalUsd", bill.total());
        }
        results.save("cost", figures, md.toString());
        System.out.println(md);
    }

    private static void athenaRow(StringBuilder md, String report, String format, double events, double bytesPerRow) {
        double bytes = Math.max(Prices.ATHENA_MINIMUM_BYTES, events * bytesPerRow);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", report, format, size(bytes),
                usd(CostModel.athenaUsd(events, bytesPerRow))));
    }

    private static List<CostModel.Line> mergedLines(List<CostModel.Bill> bills) {
        List<CostModel.Line> merged = new ArrayList<>();
        for (CostModel.Bill bill : bills) {
            for (CostModel.Line line : bill.lines()) {
                if (merged.stream().noneMatch(l -> l.service().equals(line.service()) && l.item().equals(line.item()))) {
                    merged.add(line);
                }
            }
        }
        merged.sort(java.util.Comparator.comparing(CostModel.Line::service, (a, b) ->
                Integer.compare(order(a), order(b))));
        return merged;
    }

    private static int order(String service) {
        return List.of("Kinesis", "Firehose", "Lambda", "DynamoDB", "S3").indexOf(service);
    }

    /** Events per aggregate and bytes per aggregate (partition key included), packing in order as the producer does. */
    static double[] aggregate(List<ProducerRecord> records) {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        long aggregates = 0;
        long bytes = 0;
        long packed = 0;
        String explicitHashKey = "170141183460469231731687303715884105727";
        for (ProducerRecord record : records) {
            String key = record.partitionKey();
            int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (!encoder.isEmpty() && encoder.sizeIfAdded(key, explicitHashKey, record.data()) + keyBytes > AGGREGATE_MAX_BYTES) {
                bytes += encoder.toBytes().length + encoder.firstPartitionKey().length();
                aggregates++;
                encoder.reset();
            }
            encoder.add(key, explicitHashKey, record.data());
            packed++;
        }
        if (!encoder.isEmpty()) {
            bytes += encoder.toBytes().length + encoder.firstPartitionKey().length();
            aggregates++;
        }
        return new double[]{(double) packed / aggregates, (double) bytes / aggregates};
    }

    /** Share of records the transform answers ProcessingFailed, and share of late events, on these records. */
    static double[] failedAndLateShares(List<ProducerRecord> records) {
        var core = io.firelake.benchmarks.parquet.ParquetBenchmark.transformCore();
        List<InputRecord> inputs = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < records.size(); i++) {
            inputs.add(new InputRecord("r" + i, records.get(i).data(), now, null));
        }
        long failed = 0;
        // batch by batch, as Firehose sends them: one call with everything would hit the 6 MB response budget
        for (int from = 0; from < inputs.size(); from += 1_000) {
            failed += core.apply(inputs.subList(from, Math.min(inputs.size(), from + 1_000))).stream()
                    .filter(r -> r instanceof TransformResult.ProcessingFailed).count();
        }
        long late = records.stream().filter(r -> r.kind().equals(FaultKind.LATE.label())).count();
        return new double[]{(double) failed / records.size(), (double) late / records.size()};
    }

    private static double transformCpuMsPerMB(Results results, Map<String, String> provenance) {
        OptionalDouble ms = results.figure("transform", "wireC1.1.ms");
        OptionalDouble bytes = results.figure("transform", "batch.1.payloadBytes");
        if (ms.isPresent() && bytes.isPresent()) {
            double perMB = ms.getAsDouble() / (bytes.getAsDouble() / 1e6);
            provenance.put("transform CPU", String.format(Locale.ROOT,
                    "%.1f ms per MB of Firehose input: measured (JMH, wire path, 1 MB batches, C1 only as Lambda runs it)", perMB));
            return perMB;
        }
        provenance.put("transform CPU", "30 ms per MB: DEFAULT (run the transform benchmark to measure)");
        return 30;
    }

    private static double figure(Results results, String benchmark, String key, double fallback, String name,
                                 String unit, Map<String, String> provenance) {
        OptionalDouble value = results.figure(benchmark, key);
        provenance.put(name, value.isPresent()
                ? String.format(Locale.ROOT, "%.0f %s: measured (%s benchmark)", value.getAsDouble(), unit, benchmark)
                : String.format(Locale.ROOT, "%.0f %s: DEFAULT (run the %s benchmark to measure)", fallback, unit, benchmark));
        return value.orElse(fallback);
    }

    static String usd(double amount) {
        if (amount == 0) {
            return "0";
        }
        return amount >= 100 ? String.format(Locale.ROOT, "%,.0f", amount)
                : amount >= 1 ? String.format(Locale.ROOT, "%.2f", amount)
                : amount >= 0.0001 ? String.format(Locale.ROOT, "%.4f", amount)
                : String.format(Locale.ROOT, "%.6f", amount);
    }

    static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
