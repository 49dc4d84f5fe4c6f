package io.firelake.benchmarks.parquet;

import io.firelake.benchmarks.results.Results;
import io.firelake.benchmarks.workload.RealisticBatch;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.LakePrefix;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.KinesisMetadata;
import io.firelake.transform.core.RecordTransformer;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.enrich.EnrichedEventWriter;
import io.firelake.transform.enrich.Enricher;
import io.firelake.transform.enrich.UserAgentClassifier;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.events.EventContract;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * The lake's storage format against the alternatives, on the same enriched events: Parquet written with lake-format
 * (what Firehose record format conversion does: OpenX JSON SerDe to a SNAPPY Parquet file), against the enriched JSON
 * lines Firehose would deliver without conversion, raw and gzip. Events per CPU second and bytes per event, plus the
 * size of each Parquet column (what Athena scans when a query reads only some columns).
 */
public final class ParquetBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ParquetBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int events = 50_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -cp benchmarks/target/benchmarks.jar " + ParquetBenchmark.class.getName()
                                    + " [--events N] [--rounds R]",
                            "",
                            "Enriches N realistic events with the transform, then writes them as SNAPPY Parquet",
                            "(lake-format), JSON lines and gzip JSON lines; prints events per CPU second and bytes per",
                            "event (median of R rounds after one warm-up round) and the Parquet bytes per column.",
                            "",
                            "  --events N   events to generate (default 50000; about 5% are faults and never reach the lake)",
                            "  --rounds R   measured rounds (default 3)"));
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        List<ProducerRecord> produced = RealisticBatch.records(events, RealisticBatch.DEFAULT_FAULT_RATE,
                RealisticBatch.DEFAULT_SEED);
        long rawPayloadBytes = produced.stream().mapToLong(r -> r.data().length).sum();
        List<byte[]> lines = enrich(produced);
        long jsonBytes = lines.stream().mapToLong(l -> l.length).sum();
        int rows = lines.size();
        System.out.printf(Locale.ROOT, "%,d produced (%.0f B avg raw), %,d enriched JSON lines (%.0f B avg)%n",
                produced.size(), (double) rawPayloadBytes / produced.size(), rows, (double) jsonBytes / rows);

        LakeSchema schema = LakeSchema.clickstreamRaw(LakePrefix.RAW.uri(DataLayout.LAKE_BUCKET));
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(schema);
        Path dir = Files.createTempDirectory("firelake-parquet-bench");
        Path file = dir.resolve("events.parquet");

        long[] gzipBytes = {0};
        List<GenericRecord> converted = new ArrayList<>(rows);
        double gzipMs = measure(rounds, () -> {
            gzipBytes[0] = gzip(lines);
            return 0;
        });
        double deserializeMs = measure(rounds, () -> {
            converted.clear();
            for (byte[] line : lines) {
                if (deserializer.deserialize(line) instanceof ConversionResult.Converted c) {
                    converted.add(c.row());
                }
            }
            return 0;
        });
        double writeMs = measure(rounds, () -> {
            try (ParquetObjectWriter writer = new ParquetObjectWriter(schema, file)) {
                for (GenericRecord row : converted) {
                    writer.write(row);
                }
            }
            return 0;
        });
        long parquetBytes = Files.size(file);
        Map<String, Long> columnBytes = columnBytes(file);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);

        double convertMs = deserializeMs + writeMs;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", rows);
        figures.put("rawPayloadBytesPerEvent", (double) rawPayloadBytes / produced.size());
        figures.put("jsonBytesPerEvent", (double) jsonBytes / rows);
        figures.put("gzipBytesPerEvent", (double) gzipBytes[0] / rows);
        figures.put("parquetBytesPerEvent", (double) parquetBytes / rows);
        figures.put("parquetEventsPerCpuSecond", rows / (convertMs / 1000));
        figures.put("parquetWriteOnlyEventsPerCpuSecond", rows / (writeMs / 1000));
        figures.put("deserializeEventsPerCpuSecond", rows / (deserializeMs / 1000));
        figures.put("gzipEventsPerCpuSecond", rows / (gzipMs / 1000));
        columnBytes.forEach((column, bytes) -> figures.put("column." + column + ".bytesPerEvent", (double) bytes / rows));

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d enriched events (of %,d produced with ~5%% faults; raw payload %.0f B avg).%n%n",
                rows, produced.size(), (double) rawPayloadBytes / produced.size()));
        md.append("| format | bytes per event | vs JSON | events per CPU second (write) |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| enriched JSON lines (Firehose without conversion) | %.0f | 1.00 | (no work) |%n",
                (double) jsonBytes / rows));
        md.append(String.format(Locale.ROOT, "| gzip JSON lines (java.util.zip, level 6) | %.0f | %.3f | %,.0f |%n",
                (double) gzipBytes[0] / rows, (double) gzipBytes[0] / jsonBytes, rows / (gzipMs / 1000)));
        md.append(String.format(Locale.ROOT, "| Parquet SNAPPY (lake-format: OpenX JSON SerDe + parquet-avro) | %.0f | %.3f | %,.0f |%n",
                (double) parquetBytes / rows, (double) parquetBytes / jsonBytes, rows / (convertMs / 1000)));
        md.append(String.format(Locale.ROOT, "%nParquet conversion splits into JSON to row (%,.0f events/s) and Parquet encoding"
                        + " with SNAPPY (%,.0f events/s). One file of %,d rows (%.1f MB).%n%n", rows / (deserializeMs / 1000),
                rows / (writeMs / 1000), rows, parquetBytes / 1e6));
        md.append("Parquet bytes per event by column (compressed column chunks; what Athena reads for a column):\n\n");
        md.append("| column | bytes per event |\n|---|---:|\n");
        columnBytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", e.getKey(), (double) e.getValue() / rows)));
        Results.fromSystemProperty().save("parquet", figures, md.toString());
        System.out.println();
        System.out.println(md);
    }

    /** Ok lines of the transform, batch by batch as Firehose would send them. */
    static List<byte[]> enrich(List<ProducerRecord> produced) {
        TransformBatch batch = transformCore();
        List<byte[]> lines = new ArrayList<>(produced.size());
        long now = System.currentTimeMillis();
        List<InputRecord> chunk = new ArrayList<>();
        for (int i = 0; i < produced.size(); i++) {
            String sequence = String.format("4954698668313554428650745793632%025d", i);
            // one arrival per millisecond, so received_ts is as varied as on a live stream
            long arrival = now - produced.size() + i;
            chunk.add(new InputRecord(sequence, produced.get(i).data(), arrival,
                    new KinesisMetadata("shardId-000000000000", produced.get(i).partitionKey(), arrival, sequence, null)));
            if (chunk.size() == 2_000 || i == produced.size() - 1) {
                for (TransformResult result : batch.apply(chunk)) {
                    if (result instanceof TransformResult.Ok ok) {
                        lines.add(ok.data());
                    }
                }
                chunk.clear();
            }
        }
        return lines;
    }

    /** The transform's pure core as the handler builds it. */
    public static TransformBatch transformCore() {
        RecordValidator validator = RecordValidator.clickstream(Clock.systemUTC());
        EventContract contract = EventContract.clickstream();
        return new TransformBatch(new RecordTransformer(validator,
                new Enricher(contract, new UserAgentClassifier()),
                new EnrichedEventWriter(contract.enriched())), System::currentTimeMillis);
    }

    static long gzip(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            for (byte[] line : lines) {
                gzip.write(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.size();
    }

    /** Median process CPU milliseconds of {@code rounds} runs after one warm-up run. */
    static double measure(int rounds, LongSupplier work) {
        work.getAsLong();
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = OS.getProcessCpuTime();
            work.getAsLong();
            cpu[i] = (OS.getProcessCpuTime() - start) / 1e6;
        }
        Arrays.sort(cpu);
        return cpu[rounds / 2];
    }

    /**
     * Compressed bytes per column, from the file footer (read with the Thrift structures directly: parquet-hadoop's
     * reader wants Hadoop's MapReduce classes, which lake-format leaves out).
     */
    static Map<String, Long> columnBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = Util.readFileMetaData(
                new ByteArrayInputStream(all, all.length - 8 - footerLength, footerLength));
        Map<String, Long> bytes = new TreeMap<>();
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                bytes.merge(String.join(".", chunk.getMeta_data().getPath_in_schema()),
                        chunk.getMeta_data().getTotal_compressed_size(), Long::sum);
            }
        }
        return bytes;
    }
}
