package io.firelake.benchmarks.transform;

import io.firelake.benchmarks.workload.RealisticBatch;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.transform.FirehoseTransformHandler;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.RecordTransformer;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.enrich.EnrichedEventWriter;
import io.firelake.transform.enrich.Enricher;
import io.firelake.transform.enrich.UserAgentClassifier;
import io.firelake.transform.firehose.FirehoseEventReader;
import io.firelake.transform.validate.RecordValidator;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Firehose processor batch per operation, warm, on one thread: the transform's pure core and its
 * {@code RequestStreamHandler} wire path, each next to the same work without validation or enrichment
 * ({@link NoEnrichmentLimit}). Time per batch; {@link TransformReport} turns it into MB/s of Firehose input.
 *
 * <p>Serial GC: a 1-vCPU Lambda (up to 1,769 MB) gets it by JVM ergonomics, and it keeps the collector on the
 * measured core instead of borrowing the second one, so the figures are per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
public class TransformBenchmark {

    /**
     * Record megabytes per batch: Firehose's default processor buffer (1 MB), its maximum (3 MB), and 2 MB, the largest
     * whose response fits Lambda's 6 MB for these events (enrichment doubles a record; base64 adds a third).
     */
    @Param({"1", "2", "3"})
    public double batchMegabytes;

    /** The event contract: records from its simulator, the transform built from it ({@code -p contract=iot-telemetry}). */
    @Param({"clickstream"})
    public String contract;

    private byte[] request;
    private List<InputRecord> records;
    private TransformBatch core;
    private FirehoseTransformHandler handler;
    private NoEnrichmentLimit limit;
    private QuietContext context;
    private ByteArrayOutputStream response;

    @Setup
    public void setUp() throws Exception {
        Contracts.select(contract);
        RealisticBatch batch = RealisticBatch.ofMegabytes(batchMegabytes);
        request = batch.request();
        records = new FirehoseEventReader().read(request).records();
        core = core(Contracts.selected());
        handler = new FirehoseTransformHandler();
        limit = new NoEnrichmentLimit();
        context = new QuietContext();
        response = new ByteArrayOutputStream(request.length * 2);
        System.out.println("batch: " + batch);
    }

    /** The core the handler builds (validator, user-agent classifier with its cache, enricher, writer). */
    public static TransformBatch core(EventContract contract) {
        RecordValidator validator = RecordValidator.of(contract, Clock.systemUTC());
        Enricher enricher = new Enricher(contract, new UserAgentClassifier());
        RecordTransformer transformer = new RecordTransformer(validator, enricher,
                new EnrichedEventWriter(contract.enriched()));
        return new TransformBatch(transformer, System::currentTimeMillis);
    }

    /** Validate, enrich and write decoded records: no envelope, no base64. */
    @Benchmark
    public List<TransformResult> core() {
        return core.apply(records);
    }

    /** Parse and write decoded records: the core's limit. */
    @Benchmark
    public List<byte[]> coreLimit() {
        return limit.apply(records);
    }

    /** What Lambda runs: request bytes in, response bytes out, through the RequestStreamHandler. */
    @Benchmark
    public int wire() throws IOException {
        response.reset();
        handler.handleRequest(new ByteArrayInputStream(request), response, context);
        return response.size();
    }

    /** The wire path's limit: envelope, base64 decode, parse, write, base64 encode. */
    @Benchmark
    public int wireLimit() throws IOException {
        response.reset();
        limit.handle(new ByteArrayInputStream(request), response);
        return response.size();
    }
}
