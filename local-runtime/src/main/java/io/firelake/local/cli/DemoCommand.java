package io.firelake.local.cli;

import io.firelake.config.layout.Directories;
import io.firelake.config.cli.ContractOption;
import io.firelake.config.cli.ConsoleOptions;
import io.firelake.config.cli.DataDirOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.console.ConsoleServer;
import io.firelake.local.console.ProducerGauge;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.runtime.CpuAccounting;
import io.firelake.local.runtime.FirehoseWarmUp;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.ReadPacedSource;
import io.firelake.local.runtime.SpeedLayer;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.producer.ProducerRun;
import io.firelake.events.contract.Contracts;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.Simulators;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.send.SendSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code firelake demo}: the whole local flow, end to end, with a summary a person can check. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the pipeline end to end on this machine: start kinesalite, S3Proxy and DynamoDB Local, "
                + "create the stream, run the local Firehose (the transform Lambda in process, Parquet to the lake) and "
                + "the speed layer (its Lambda driven by a local Kinesis event source mapping, per-minute aggregates in "
                + "DynamoDB Local), send simulated events of the contract (clickstream unless --contract) with the producer, wait until "
                + "every record is delivered and the speed layer's last tumbling window has closed (5 s by default), "
                + "then summarise: produced, delivered, dropped, failed by error type, where the files are, a DuckDB "
                + "count of the lake, what the speed layer counted, and the accounting line. Each run starts from an empty stream and lake in --data-dir.",
                "",
                "Examples: ./firelake demo --events 1000000 --fault-rate 0.02",
                "          ./firelake demo --contract contracts/iot-telemetry",
                "          ./firelake demo --open     # watch it live on http://127.0.0.1:4570/", ""})
public final class DemoCommand implements Callable<Integer> {

    static final String SPEED_WINDOW = "SpeedLayerWindowSeconds";
    /** The demo waits for the last window to close: a short one keeps the run short (issue 19: under 30 s). */
    static final int DEMO_SPEED_WINDOW_SECONDS = 5;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Events to produce, faults included (default: ${DEFAULT-VALUE}, under half a minute here).")
    long events;

    @Option(names = "--fault-rate", paramLabel = "F", defaultValue = "0.01",
            description = "Share of records with an injected fault: malformed JSON, invalid UTF-8, wrong types, missing "
                    + "fields, oversized, duplicates, late events (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the simulator: the same seed gives the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed-window-seconds", paramLabel = "S",
            description = "The speed layer's tumbling window (Lambda's TumblingWindowInSeconds, 1 to 900; default for "
                    + "the demo: 5, shorter than the template's SpeedLayerWindowSeconds of 60 so the wait for the last "
                    + "window stays short; --speed-window-seconds 60 runs the template's). The output names the window used.")
    Integer speedWindowSeconds;

    @Option(names = "--aws-port", paramLabel = "PORT", defaultValue = "4566",
            description = "Port of the one AWS endpoint (Firehose, Glue; Kinesis, S3, DynamoDB forwarded) that any AWS "
                    + "client can use while the demo runs (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int awsPort;

    @Mixin
    DataDirOption data;
    @Mixin
    ContractOption contract;

    @Mixin
    ConsoleOptions console;

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
        if (speedWindowSeconds != null && (speedWindowSeconds < 1 || speedWindowSeconds > 900)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--speed-window-seconds must be between 1 and 900 (Lambda's TumblingWindowInSeconds)");
        }
        DataLayout layout = data.layout();
        Path dataDir = layout.dataDir();
        Optional<RuntimeState> running = RuntimeState.read(dataDir).filter(RuntimeState::alive);
        if (running.isPresent()) {
            spec.commandLine().getErr().println("firelake demo: 'firelake local up' is running on " + dataDir + " (pid "
                    + running.get().pid() + "). Stop it with ./firelake local down, or use another --data-dir.");
            return FirelakeCli.EXIT_CANNOT_START;
        }
        layout.requireWritable();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        PipelineSettings template = SamTemplate.load();
        PipelineSettings settings = withSpeedWindow(template,
                speedWindowSeconds == null ? DEMO_SPEED_WINDOW_SECONDS : speedWindowSeconds);
        out.printf(Locale.ROOT, "firelake demo: %,d events, fault rate %.3f, seed %d, speed-layer window %d s%s; data in %s%n",
                events, faultRate, seed, settings.integer(SPEED_WINDOW), speedWindowSeconds == null
                        ? " (the demo's; the template's SpeedLayerWindowSeconds is " + template.integer(SPEED_WINDOW)
                        + " s)" : " (--speed-window-seconds)", dataDir);
        freshStart(layout);
        out.println("starting kinesalite, S3Proxy, DynamoDB Local, the local Firehose and the speed layer...");
        out.flush();
        Path manifest = layout.demoManifest();
        Files.createDirectories(manifest.getParent());
        ProducerGauge producer = new ProducerGauge();
        try (LocalPipeline pipeline = quietly(() -> LocalPipeline.start(new LocalPipeline.Options(dataDir, settings, 0, 0, 0, awsPort,
                c -> c, c -> c)));
             ConsoleServer view = ConsoleLauncher.start(console, pipeline, producer, out)) {
            out.printf(Locale.ROOT, "  ready in %.1f s: aws endpoint %s (kinesis %s, s3 %s, dynamodb %s); stream %s (%d shards)"
                    + " -> delivery stream %s%n",
                    seconds(started), pipeline.awsEndpoint(), pipeline.kinesisEndpoint(), pipeline.s3Endpoint(),
                    pipeline.dynamoDbEndpoint(),
                    settings.streamName(), settings.shardCount(), pipeline.firehose().firehose().config().name());
            out.println("  " + FirehoseWarmUp.describe(pipeline.warmUpRecords(), pipeline.warmUpSeconds()));
            out.flush();
            boolean tty = System.console() != null;
            CpuAccounting cpu = CpuAccounting.start();
            CpuAccounting phase = CpuAccounting.start();
            long producing = System.nanoTime();
            ReadPacedSource paced = ReadPacedSource.demo(Simulators.of(SimulationSettings.live(seed, events)
                    .withFaults(FaultRates.combined(faultRate)), Contracts.selected()),
                    () -> pipeline.firehose().firehose().stats().read());
            ProducerRun.ProducerResult produced = ProducerRun.builder()
                    .endpoint(pipeline.kinesisEndpoint())
                    .stream(settings.streamName())
                    .source(paced).listener(paced)
                    .manifest(manifest)
                    .progress(ConsoleLauncher.feeding(producer, s -> DemoReport.progress(out, tty, s, pipeline.firehose().firehose()
                            .stats()), Duration.ofSeconds(tty ? 1 : 5)), Duration.ofSeconds(1))
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
            out.println("  " + paced.describe());
            out.println("  CPU while producing: " + phase.describe());
            phase.close();
            out.println("draining the local Firehose (every buffer is delivered now, regardless of its hints)...");
            out.flush();
            phase = CpuAccounting.start();
            long draining = System.nanoTime();
            pipeline.firehose().drain(Duration.ofMinutes(30));
            DeliveryStats stats = pipeline.firehose().firehose().stats();
            out.printf(Locale.ROOT, "  drained in %.1f s%n", seconds(draining));
            out.println("  CPU while draining: " + phase.describe());
            phase.close();
            out.println("  CPU µs per record, producing and draining: " + cpu.perRecord(stats.read()));
            cpu.close();
            String speed = pipeline.speedLayer().map(layer -> DemoReport.speedLayer(out, layer, settings, pipeline, startedAt))
                    .orElse(null);
            DemoReport.summary(out, sent, stats, layout);
            if (speed != null) {
                out.println(speed);
            }
            out.flush();
        }
        out.println();
        int accounting = new CommandLine(new AccountingCommand()).setOut(out).setErr(spec.commandLine().getErr())
                .execute("--manifest", manifest.toString(), "--data-dir", dataDir.toString(), "--show-lost", "5");
        out.printf(Locale.ROOT, "%ndemo finished in %.1f s. Explore: ./firelake monitor --data-dir %s | ./firelake "
                + "local up --data-dir %s%n", seconds(started), dataDir, dataDir);
        out.printf(Locale.ROOT, "  real-time view (speed layer, DynamoDB Local): ./firelake local up --detach --data-dir %s, "
                + "then ./firelake realtime --data-dir %s --until %s --minutes %d%n", dataDir, dataDir,
                Instant.now().truncatedTo(ChronoUnit.MINUTES),
                Math.floorDiv(Instant.now().getEpochSecond(), 60L) - Math.floorDiv(startedAt.getEpochSecond(), 60L) + 1);
        out.flush();
        return accounting;
    }

    /** The template's settings with the speed layer's window replaced, when {@code --speed-window-seconds} is given. */
    static PipelineSettings withSpeedWindow(PipelineSettings template, Integer seconds) {
        if (seconds == null) {
            return template;
        }
        Map<String, String> parameters = new java.util.HashMap<>(template.parameters());
        parameters.put(SPEED_WINDOW, Integer.toString(seconds));
        return new PipelineSettings(parameters);
    }

    /** Each demo starts from an empty stream and lake, so its summary and accounting describe this run only. */
    private static void freshStart(DataLayout layout) {
        layout.runFiles().forEach(Directories::deleteRecursively);
    }

    /** DynamoDB Local prints its configuration banner on standard output; the demo's own output stays readable. */
    static <T> T quietly(java.util.function.Supplier<T> start) {
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.get();
        } finally {
            System.setOut(original);
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
