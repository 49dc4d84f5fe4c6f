package io.firelake.local.cli;

import io.firelake.config.layout.Directories;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.LakePrefix;
import io.firelake.lake.format.LakeSchema;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.S3ProxyServer;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.FirehoseMetrics;
import io.firelake.local.firehose.LocalFirehose;
import io.firelake.local.firehose.PrefetchingStreamSource;
import io.firelake.local.firehose.aws.KinesisStreamSource;
import io.firelake.local.firehose.aws.S3ObjectStore;
import io.firelake.local.firehose.lambda.RequestStreamHandlerProcessor;
import io.firelake.local.runtime.CpuAccounting;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.Streams;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code firelake bench-firehose}: the local Firehose's throughput on its own. The stream is filled first (timed
 * apart), then the delivery stream drains it: GetRecords from kinesalite, de-aggregation, the transform in process,
 * OpenX-style conversion, Parquet, PutObject to S3Proxy. A benchmark, not a test: figures go to docs/benchmarks.md.
 */
@Command(name = "bench-firehose", hidden = true, mixinStandardHelpOptions = true,
        description = "Measure the local Firehose alone: fill the stream, then time draining it into the lake.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "200000", description = "Events to send first (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--fault-rate", defaultValue = "0.01", description = "Injected fault share (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--work-dir", required = true, description = "A scratch directory (emptied first).")
    Path workDir;

    @Option(names = "--rounds", defaultValue = "1", description = "Fill-and-drain rounds in this one JVM (default: "
            + "${DEFAULT-VALUE}). The first round pays for class loading and the JIT; later ones show the warm cost, "
            + "what a long-running `firelake local up` pays.")
    int rounds;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Directories.deleteRecursively(workDir);
        PipelineSettings settings = SamTemplate.load();
        DataLayout work = DataLayout.of(workDir);
        try (Kinesalite kinesalite = Kinesalite.builder().dataDir(work.kinesisDir()).start();
             S3ProxyServer s3proxy = S3ProxyServer.start(work.s3Dir());
             KinesisClient kinesis = LocalAws.kinesis(kinesalite.endpoint());
             S3Client s3 = LocalAws.s3(s3proxy.endpoint())) {
            kinesis.createStream(b -> b.streamName(settings.streamName()).shardCount(settings.shardCount()));
            Streams.awaitActive(kinesis, settings.streamName());
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            DeliveryStreamConfig config = DeliveryStreamConfig.from(settings, LocalAws.REGION.id()).toBuilder()
                    .concurrentInvocations(LocalPipeline.CONCURRENT_INVOCATIONS).build();
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    out.printf(Locale.ROOT, "round %d of %d%s%n", round, rounds, round == 1 ? " (cold JVM)" : " (warm JVM)");
                }
                runRound(out, os, settings, config, work, kinesalite, kinesis, s3, round);
            }
        }
        return 0;
    }

    private void runRound(PrintWriter out, com.sun.management.OperatingSystemMXBean os, PipelineSettings settings,
                          DeliveryStreamConfig config, DataLayout work, Kinesalite kinesalite, KinesisClient kinesis,
                          S3Client s3, int round)
            throws Exception {
        CpuAccounting producing = CpuAccounting.start();
        long jvm0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var sent = ProducerRun.builder().endpoint(kinesalite.endpoint()).stream(settings.streamName())
                .simulate(SimulationSettings.live(41 + round, events).withFaults(FaultRates.combined(faultRate)))
                .build().run().summary();
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "producer: %,d records (%,d Kinesis records, %.1f MB) in %.1f s = %,.0f records/s%n",
                sent.delivered(), sent.kinesisRecords(), sent.deliveredBytes() / 1e6, produceSeconds,
                sent.delivered() / produceSeconds);
        double nodeProduce = producing.childProcessSeconds();
        producing.close();
        double jvmProduce = (os.getProcessCpuTime() - jvm0) / 1e9;
        out.printf(Locale.ROOT, "  CPU while producing: kinesalite %.1f s (%,.0f records per CPU-second), producer JVM %.1f s%n",
                nodeProduce, sent.delivered() / nodeProduce, jvmProduce);

        try (LocalFirehose firehose = new LocalFirehose(config,
                new PrefetchingStreamSource(new KinesisStreamSource(kinesis, config.sourceStreamName(),
                        config.region(), config.accountId()), 3, java.time.Duration.ofMillis(200)),
                () -> new RequestStreamHandlerProcessor(RequestStreamHandlerProcessor.load(LocalPipeline.TRANSFORM_HANDLER),
                        config.processor().functionName(), line -> { }),
                new S3ObjectStore(s3, work.bucket()).ensureBucket(),
                LakeSchema.clickstreamRaw(LakePrefix.RAW.uri(work.bucket())),
                work.deliveryStreamDir(config.name()),
                new FirehoseMetrics(work.metricsFile(), config.name(), Clock.systemUTC()),
                Clock.systemUTC())) {
            long cpu0 = os.getProcessCpuTime();
            long jit0 = jitMillis();
            long gc0 = gcMillis();
            CpuAccounting draining = CpuAccounting.start();
            long t1 = System.nanoTime();
            firehose.drain();
            double drainSeconds = (System.nanoTime() - t1) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            Map<String, Double> byThread = draining.byThreadGroup();
            DeliveryStats stats = firehose.stats();
            out.printf(Locale.ROOT, "local Firehose: %,d records read, %,d delivered in %,d objects, %,d failed, "
                            + "%,d invocations, in %.1f s = %,.0f records/s%n",
                    stats.read(), stats.delivered(), stats.objects(), stats.failed(), stats.invocations(),
                    drainSeconds, stats.read() / drainSeconds);
            out.printf(Locale.ROOT, "  CPU of this JVM (Firehose, transform, Parquet, S3Proxy, GC) while draining: %.1f s = %,.0f records "
                            + "per CPU-second; load average %.1f on %d cores%n", cpuSeconds, stats.read() / cpuSeconds,
                    os.getSystemLoadAverage(), os.getAvailableProcessors());
            out.printf(Locale.ROOT, "  of which JIT compilation %.1f s, GC %.1f s (elapsed time of compiler threads and collections)%n",
                    (jitMillis() - jit0) / 1e3, (gcMillis() - gc0) / 1e3);
            out.printf(Locale.ROOT, "  by thread: %s%n", byThread.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ")));
            out.printf(Locale.ROOT, "  kinesalite CPU while draining (GetRecords): %.1f s%n", draining.childProcessSeconds());
            draining.close();
        }
    }

    private static long jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? 0 : jit.getTotalCompilationTime();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
