package io.firelake.benchmarks.directput;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.benchmarks.results.Results;
import io.firelake.benchmarks.workload.FixedSizeEvents;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.Directories;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.endpoint.TemplateDeliveryStream;
import io.firelake.local.runtime.CpuAccounting;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.Streams;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.SendSummary;
import io.firelake.producer.send.SenderSettings;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PutRecordBatch through firelake's local AWS endpoint into a Direct PUT delivery stream, side by side in one run with
 * PutRecords of the same 400-byte events to kinesalite (the producer's path to a Kinesis stream, with KPL aggregation
 * and without): records/s as the producer sees them acknowledged, and CPU microseconds per record of the endpoint's
 * threads, of kinesalite, of the local Firehose and of the producer. The delivery stream is the SAM template's, as
 * Direct PUT (transform Lambda, Parquet from the Glue table), and delivers while the producer sends, as in a demo; it
 * is drained after each round (timed apart). Every path runs once per round, in turn, in the same JVM.
 */
public final class DirectPutBenchmark {

    static final String DIRECT_PUT = "bench-direct-put";
    static final String AGGREGATED = "bench-aggregated";
    static final String PLAIN = "bench-plain";

    /** One path's round: what the producer saw and where the CPU went while it sent. */
    record Row(String path, int round, boolean directPut, SendSummary summary, double jvmCpuSeconds,
               Map<String, Double> cpuSeconds, double drainSeconds) {
        double microsPerRecord(double seconds) {
            return seconds * 1e6 / Math.max(1, summary.delivered());
        }
    }

    private DirectPutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 300_000;
        int rounds = 3;
        Path workDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -Xmx3g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar "
                                    + DirectPutBenchmark.class.getName() + " [--events N] [--rounds R] [--work-dir D]",
                            "",
                            "Starts the local pipeline (kinesalite, S3Proxy, the AWS endpoint with the template's",
                            "delivery stream) and a Direct PUT copy of that delivery stream, then sends N events of 400",
                            "bytes with the producer, R rounds, each round three ways in turn: PutRecords to kinesalite",
                            "with KPL aggregation (the default), PutRecords without it, PutRecordBatch to the endpoint.",
                            "Prints records/s and CPU per record by component for each.",
                            "",
                            "  --events N    events per path and round (default 300000)",
                            "  --rounds R    rounds (default 3; the first pays for the JIT)",
                            "  --work-dir D  the data directory (default: a temporary one, deleted at the end)"));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        List<ProducerRecord> records = FixedSizeEvents.clickstream(events);
        boolean temporary = workDir == null;
        Path data = temporary ? Files.createTempDirectory("firelake-bench-directput-") : workDir;
        List<Row> rows = new ArrayList<>();
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(data, SamTemplate.load(), 0, 0,
                -1, c -> c));
             FirehoseClient firehose = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                     .sync(FirehoseClient.builder(), SyncHttp.apache(2)).build()) {
            PipelineSettings settings = pipeline.options().settings();
            for (String stream : List.of(AGGREGATED, PLAIN)) {
                pipeline.kinesis().createStream(b -> b.streamName(stream).shardCount(settings.shardCount()));
                Streams.awaitActive(pipeline.kinesis(), stream);
            }
            firehose.createDeliveryStream(TemplateDeliveryStream.directPutRequest(settings,
                    DataLayout.of(data).bucket(), DIRECT_PUT));
            DeliveryStreamWait.awaitActive(firehose, DIRECT_PUT, DeliveryStreamWait.DEFAULT_TIMEOUT);
            System.out.printf(Locale.ROOT, "%,d events of %d bytes a path and round; %d cores; kinesalite streams of "
                            + "%d shards; AWS endpoint %s%n", records.size(), FixedSizeEvents.DEFAULT_BYTES,
                    Runtime.getRuntime().availableProcessors(), settings.shardCount(), pipeline.awsEndpoint());
            for (int round = 1; round <= rounds; round++) {
                rows.add(send(pipeline, "PutRecords to kinesalite, KPL aggregation (default)", round, records,
                        b -> b.endpoint(pipeline.kinesisEndpoint()).stream(AGGREGATED), null));
                rows.add(send(pipeline, "PutRecords to kinesalite, --no-aggregation", round, records,
                        b -> b.endpoint(pipeline.kinesisEndpoint()).stream(PLAIN)
                                .settings(SenderSettings.defaults().withAggregation(false)), null));
                rows.add(send(pipeline, "PutRecordBatch to the AWS endpoint (Direct PUT)", round, records,
                        b -> b.endpoint(pipeline.awsEndpoint()).deliveryStream(DIRECT_PUT), DIRECT_PUT));
                System.out.printf(Locale.ROOT, "round %d: %s%n", round, rows.subList(rows.size() - 3, rows.size())
                        .stream().map(r -> String.format(Locale.ROOT, "%,.0f records/s", r.summary()
                                .recordsPerSecond())).toList());
            }
        } finally {
            if (temporary) {
                Directories.deleteRecursively(data);
            }
        }
        String markdown = table(rows);
        System.out.println();
        System.out.print(markdown);
        Map<String, Object> figures = new LinkedHashMap<>();
        Row lastDirect = rows.get(rows.size() - 1);
        Row lastPlain = rows.get(rows.size() - 2);
        figures.put("direct_put_records_per_second", Math.round(lastDirect.summary().recordsPerSecond()));
        figures.put("kinesalite_plain_records_per_second", Math.round(lastPlain.summary().recordsPerSecond()));
        Results.fromSystemProperty().save("directput", figures, markdown);
    }

    private static Row send(LocalPipeline pipeline, String path, int round, List<ProducerRecord> records,
                            java.util.function.UnaryOperator<ProducerRun.Builder> target, String deliveryStream)
            throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvmStart = os.getProcessCpuTime();
        Map<String, Double> cpu;
        SendSummary summary;
        try (CpuAccounting accounting = CpuAccounting.start()) {
            summary = target.apply(ProducerRun.builder().source(records.iterator())).build().run().summary();
            cpu = components(accounting);
        }
        double jvm = (os.getProcessCpuTime() - jvmStart) / 1e9;
        double drain = 0;
        if (deliveryStream != null) {
            long started = System.nanoTime();
            pipeline.endpoint().deliveryStreams().runner(deliveryStream).orElseThrow().drain(Duration.ofMinutes(10));
            drain = (System.nanoTime() - started) / 1e9;
        }
        if (summary.failed() > 0) {
            System.out.println("WARNING: " + path + ": undeliverable records " + summary.failuresByCode());
        }
        return new Row(path, round, deliveryStream != null, summary, jvm, cpu, drain);
    }

    /** CPU seconds of the endpoint's threads, the local Firehose's, the producer's, and kinesalite's process. */
    private static Map<String, Double> components(CpuAccounting accounting) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("endpoint", 0.0);
        out.put("firehose", 0.0);
        out.put("producer", 0.0);
        accounting.byThreadGroup().forEach((group, seconds) -> {
            String component = group.startsWith("aws-endpoint") ? "endpoint"
                    : group.startsWith("local-firehose") || group.startsWith("prefetch") ? "firehose"
                    : group.startsWith("main") || group.startsWith("firelake-producer")
                    || group.startsWith("aws-java-sdk-NettyEventLoop") || group.startsWith("sdk-async-response")
                    ? "producer" : null;
            if (component != null) {
                out.merge(component, seconds, Double::sum);
            }
        });
        out.put("kinesalite", accounting.childProcessSeconds());
        return out;
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| path | round | records | seconds | records/s | CPU µs/record: receiver (kinesalite or endpoint)"
                + " | local Firehose | producer | whole JVM | drain after |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            boolean direct = row.directPut();
            double receiver = direct ? row.cpuSeconds().get("endpoint") : row.cpuSeconds().get("kinesalite");
            out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %,.0f | %.1f | %.1f | %.1f | %.1f | %s |%n",
                    row.path(), row.round(), row.summary().delivered(), row.summary().seconds(),
                    row.summary().recordsPerSecond(), row.microsPerRecord(receiver),
                    row.microsPerRecord(row.cpuSeconds().get("firehose")),
                    row.microsPerRecord(row.cpuSeconds().get("producer")), row.microsPerRecord(row.jvmCpuSeconds()),
                    direct ? String.format(Locale.ROOT, "%.1f s", row.drainSeconds()) : ""));
        }
        return out.toString();
    }

}
