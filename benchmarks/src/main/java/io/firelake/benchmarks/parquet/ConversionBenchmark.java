package io.firelake.benchmarks.parquet;

import io.firelake.benchmarks.transform.TransformBenchmark;
import io.firelake.benchmarks.workload.RealisticBatch;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.LakePrefix;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.contract.Contracts;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.firehose.FirehoseEventReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local Firehose's record format conversion alone: the transform's enriched lines of one 1 MB batch (the contract's
 * simulator, 5% faults, so the lines are what the lake gets) read into rows of the contract's raw table by the OpenX
 * JSON SerDe rules ({@link OpenXJsonDeserializer}), one batch per operation. Records per second is the batch's
 * converted lines over the time per operation; run it with {@code -p contract=clickstream,iot-telemetry} to compare a
 * flat contract with one whose lines carry a struct (IoT's {@code location}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class ConversionBenchmark {

    @Param({"clickstream", "iot-telemetry"})
    public String contract;

    private byte[][] lines;
    private OpenXJsonDeserializer deserializer;

    @Setup
    public void setUp() throws Exception {
        Contracts.select(contract);
        EventContract selected = Contracts.selected();
        RealisticBatch batch = RealisticBatch.ofMegabytes(1);
        List<TransformResult> results = TransformBenchmark.core(selected)
                .apply(new FirehoseEventReader().read(batch.request()).records());
        lines = results.stream().filter(r -> r instanceof TransformResult.Ok).map(TransformResult::data)
                .toArray(byte[][]::new);
        deserializer = new OpenXJsonDeserializer(LakeSchema.of(TableDefinition.of(selected.enriched(), "firelake",
                "raw_events", LakePrefix.RAW.uri(DataLayout.LAKE_BUCKET))));
        long nested = Arrays.stream(lines)
                .filter(l -> new String(l, StandardCharsets.UTF_8).contains("\":{")).count();
        long bytes = Arrays.stream(lines).mapToLong(l -> l.length).sum();
        System.out.printf("%n%s: %,d enriched lines (%,d bytes), %,d with an object (struct or map)%n", contract,
                lines.length, bytes, nested);
        if (convert() != lines.length) {
            throw new IllegalStateException("not every enriched line converts");
        }
    }

    /** Every enriched line of the batch to a row; the number converted. */
    @Benchmark
    public int convert() {
        int converted = 0;
        for (byte[] line : lines) {
            if (deserializer.deserialize(line) instanceof ConversionResult.Converted) {
                converted++;
            }
        }
        return converted;
    }
}
