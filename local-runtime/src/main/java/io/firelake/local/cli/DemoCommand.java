package io.firelake.local.cli;

import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.send.SendSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code firelake demo}: the whole local flow, end to end, with a summary a person can check. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the pipeline end to end on this machine: start kinesalite, S3Proxy and DynamoDB Local, "
                + "create the stream, run the local Firehose (the transform Lambda in process, Parquet to the lake), "
                + "send simulated clickstream events with the producer, wait until every record is delivered, then "
                + "summarise: produced, delivered, dropped, failed by error type, where the files are, a DuckDB count "
                + "of the lake, and the accounting line. Each run starts from an empty stream and lake in --data-dir.",
                "",
                "Example:  ./firelake demo --events 1000000 --fault-rate 0.02"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Events to produce, faults included (default: ${DEFAULT-VALUE}, about a minute here).")
    long events;

    @Option(names = "--fault-rate", paramLabel = "F", defaultValue = "0.01",
            description = "Share of records with an injected fault: malformed JSON, invalid UTF-8, wrong types, missing "
                    + "fields, oversized, duplicates, late events (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the simulator: the same seed gives the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataDirOption data;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fault-rate must be between 0 and 1");
        }
        Path dataDir = data.resolve();
        Optional<RuntimeState> running = RuntimeState.read(dataDir).filter(RuntimeState::alive);
        if (running.isPresent()) {
            spec.commandLine().getErr().println("firelake demo: 'firelake local up' is running on " + dataDir + " (pid "
                    + running.get().pid() + "). Stop it with ./firelake local down, or use another --data-dir.");
            return FirelakeCli.EXIT_CANNOT_START;
        }
        long started = System.nanoTime();
        PipelineSettings settings = SamTemplate.load();
        out.printf(Locale.ROOT, "firelake demo: %,d events, fault rate %.3f, seed %d; data in %s%n", events, faultRate, seed, dataDir);
        freshStart(dataDir);
        out.println("starting kinesalite, S3Proxy, DynamoDB Local and the local Firehose...");
        out.flush();
        Path manifest = dataDir.resolve("demo").resolve("manifest.jsonl");
        Files.createDirectories(manifest.getParent());
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(dataDir, settings, 0, 0, 0, c -> c))) {
            out.printf(Locale.ROOT, "  ready in %.1f s: kinesis %s, s3 %s, dynamodb %s; stream %s (%d shards) -> delivery stream %s%n",
                    seconds(started), pipeline.kinesisEndpoint(), pipeline.s3Endpoint(), pipeline.dynamoDbEndpoint(),
                    settings.streamName(), settings.shardCount(), pipeline.firehose().firehose().config().name());
            out.flush();
            boolean tty = System.console() != null;
            long producing = System.nanoTime();
            ProducerRun.ProducerResult produced = ProducerRun.builder()
                    .endpoint(pipeline.kinesisEndpoint())
                    .stream(settings.streamName())
                    .simulate(SimulationSettings.live(seed, events).withFaults(FaultRates.combined(faultRate)))
                    .manifest(manifest)
                    .progress(s -> progress(out, tty, s, pipeline.firehose().firehose().stats()), Duration.ofSeconds(tty ? 1 : 5))
                    .build()
                    .run();
            SendSummary sent = produced.summary();
            if (tty) {
                out.print("\r" + " ".repeat(110) + "\r");
            }
            out.printf(Locale.ROOT, "produced %,d records in %.1f s (%,.0f records/s, %,d PutRecords requests, %,d PUT payload units)%n",
                    sent.delivered(), seconds(producing), sent.delivered() / Math.max(0.001, seconds(producing)),
                    sent.requests(), sent.putPayloadUnits());
            if (!produced.complete()) {
                out.println("  producer: " + (produced.abortReason() == null ? sent.failed() + " records undeliverable"
                        : produced.abortReason()));
            }
            out.println("draining the local Firehose (every buffer is delivered now, regardless of its hints)...");
            out.flush();
            long draining = System.nanoTime();
            pipeline.firehose().drain(Duration.ofMinutes(30));
            DeliveryStats stats = pipeline.firehose().firehose().stats();
            out.printf(Locale.ROOT, "  drained in %.1f s%n", seconds(draining));
            summary(out, sent, stats, pipeline.lakeDir(), dataDir);
            out.flush();
        }
        out.println();
        int accounting = new CommandLine(new AccountingCommand()).setOut(out).setErr(spec.commandLine().getErr())
                .execute("--manifest", manifest.toString(), "--data-dir", dataDir.toString(), "--show-lost", "5");
        out.printf(Locale.ROOT, "%ndemo finished in %.1f s. Explore: ./firelake monitor --data-dir %s | ./firelake local up%n",
                seconds(started), dataDir);
        out.flush();
        return accounting;
    }

    private static void progress(PrintWriter out, boolean tty, SendSummary sent, DeliveryStats firehose) {
        String line = String.format(Locale.ROOT, "  produced %,d (%,.0f/s) | firehose read %,d, delivered %,d, failed %,d, in flight %,d",
                sent.delivered(), sent.recordsPerSecond(), firehose.read(), firehose.delivered(), firehose.failed(), firehose.pending());
        if (tty) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static void summary(PrintWriter out, SendSummary sent, DeliveryStats stats, Path lake, Path dataDir) throws Exception {
        out.println();
        out.println("summary");
        out.printf(Locale.ROOT, "  produced    %,d records by kind: %s%n", sent.delivered(), kinds(sent.recordsByKind()));
        out.printf(Locale.ROOT, "  firehose    read %,d, %,d processor invocations (%,d failed), Ok %,d, dropped %,d%n",
                stats.read(), stats.invocations(), stats.failedInvocations(), stats.ok(), stats.dropped());
        out.printf(Locale.ROOT, "  delivered   %,d events in %,d Parquet objects under %s%n", stats.delivered(), stats.objects(),
                lake.resolve("raw"));
        out.printf(Locale.ROOT, "  failed      %,d records under %s: %s%n", stats.failed(), lake.resolve("errors"),
                stats.failed() == 0 ? "none" : kinds(stats.failedByType()) + "; by error code " + kinds(stats.failedByCode()));
        out.printf(Locale.ROOT, "  duckdb      %,d rows in read_parquet('%s/raw/*/*/*.parquet', hive_partitioning=true)%n",
                countRows(lake), lake);
        out.println("  metrics     " + LocalPipeline.metricsFile(dataDir) + " (Firehose's CloudWatch metric names)");
        out.println("  lambda log  " + dataDir.resolve("logs"));
    }

    private static String kinds(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    static long countRows(Path lake) throws Exception {
        if (!Files.isDirectory(lake.resolve("raw"))) {
            return 0;
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + lake + "/raw/*/*/*.parquet', "
                     + "hive_partitioning = true)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each demo starts from an empty stream and lake, so its summary and accounting describe this run only. */
    private static void freshStart(Path dataDir) throws IOException {
        for (String dir : List.of("kinesis", "s3/" + LocalPipeline.LAKE_BUCKET, "firehose", "demo", "dynamodb", "logs")) {
            Path path = dataDir.resolve(dir);
            if (Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
