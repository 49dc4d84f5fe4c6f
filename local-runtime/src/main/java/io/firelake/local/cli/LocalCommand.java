package io.firelake.local.cli;

import io.firelake.aws.client.LocalCredentials;
import io.firelake.config.cli.ContractOption;
import io.firelake.events.contract.Contracts;
import io.firelake.config.cli.ConsoleOptions;
import io.firelake.config.cli.DataDirOption;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.console.ConsoleServer;
import io.firelake.local.console.ProducerGauge;
import io.firelake.local.engines.Loopback;
import io.firelake.local.firehose.DeliveryStats;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.local.runtime.SpeedLayer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code firelake local up|down|status}: keep the local engines and the local Firehose running. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Keep the local engines and the local Firehose running, so the producer jar and other tools "
                + "can be pointed at them (endpoints are printed by 'up' and 'status').", footer = LocalExamples.LOCAL,
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Status.class})
public final class LocalCommand implements Runnable {

    /** The log of a detached {@code local up}, under the data directory's logs. */
    static final String LOG_NAME = "local-up";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start kinesalite, S3Proxy, DynamoDB Local, the local Firehose and the speed layer (Lambda's "
                    + "Kinesis event source mapping into the aggregates table), create the stream, the lake bucket and "
                    + "the table, and run until stopped (Ctrl-C or 'firelake local down'). On stop the Firehose "
                    + "delivers what it has buffered. Fixed ports by default, so clients can be configured once. The "
                    + "local console shows it all live at http://127.0.0.1:4570/ (--console-port, --open).",
            footer = LocalExamples.UP)
    static final class Up implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Mixin
        ContractOption contract;

        @Mixin
        ConsoleOptions console;

        @Option(names = "--detach", description = "Run in the background; its output goes to <data-dir>/logs/"
                + LOG_NAME + ".log.")
        boolean detach;

        @Option(names = "--aws-port", paramLabel = "PORT", defaultValue = "4566", description = "The one AWS endpoint: every service "
                + "(Firehose, Glue, Athena, and Kinesis, S3, DynamoDB forwarded) for any AWS client (default: ${DEFAULT-VALUE}; "
                + "0 = any free port).")
        int awsPort;

        @Option(names = "--speed-window-seconds", paramLabel = "S", description = "The speed layer's tumbling "
                + "window, 1 to 900 s, instead of the template's SpeedLayerWindowSeconds (60 s).")
        Integer speedWindowSeconds;

        @Option(names = "--kinesis-port", paramLabel = "PORT", defaultValue = "4567", description = "kinesalite port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int kinesisPort;

        @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "4568", description = "S3Proxy port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int s3Port;

        @Option(names = "--dynamodb-port", paramLabel = "PORT", defaultValue = "4569", description = "DynamoDB Local port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int dynamoDbPort;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path dataDir = data.layout().requireWritable().dataDir();
            Optional<RuntimeState> running = RuntimeState.read(dataDir).filter(RuntimeState::alive);
            if (running.isPresent()) {
                out.println("firelake local: already running (pid " + running.get().pid() + ")");
                Status.print(out, running.get());
                return 0;
            }
            RuntimeState.delete(dataDir);
            return detach ? detach(out, dataDir) : foreground(out, dataDir);
        }

        private int foreground(PrintWriter out, Path dataDir) throws InterruptedException {
            PipelineSettings settings = DemoCommand.withSpeedWindow(SamTemplate.load(), speedWindowSeconds);
            out.println("firelake local: starting engines, data in " + dataDir);
            out.flush();
            LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(dataDir, settings, kinesisPort, s3Port,
                    dynamoDbPort, awsPort, c -> c, c -> c));
            ConsoleServer view = ConsoleLauncher.start(console, pipeline, new ProducerGauge(), out);
            RuntimeState state = new RuntimeState(ProcessHandle.current().pid(), Instant.now().toString(),
                    dataDir.toString(), pipeline.awsEndpoint().toString(), pipeline.kinesisEndpoint().toString(), pipeline.s3Endpoint().toString(),
                    pipeline.dynamoDbEndpoint().toString(), settings.streamName(),
                    pipeline.firehose().firehose().config().name(), DataLayout.of(dataDir).bucket(),
                    view == null ? null : view.uri().toString());
            state.write(dataDir);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // Stop the speed layer first, while kinesalite still answers: its checkpoint and open window's
                    // state are saved after every batch, so the next start resumes the window.
                    pipeline.speedLayer().ifPresent(SpeedLayer::close);
                    if (pipeline.firehose().isRunning()) {
                        // kinesalite may already be stopping (its own shutdown hook): deliver what is buffered only.
                        pipeline.firehose().flush(Duration.ofMinutes(2));
                    }
                } catch (RuntimeException e) {
                    System.err.println("firelake local: could not deliver the buffers on stop: " + e.getMessage()
                            + " (they are read again at the next start)");
                } finally {
                    if (view != null) {
                        view.close();
                    }
                    pipeline.close();
                    RuntimeState.delete(dataDir);
                    stopped.countDown();
                }
            }, "firelake-local-stop"));
            out.println("firelake local: running (pid " + state.pid() + "). Stop with Ctrl-C or ./firelake local down");
            Status.print(out, state);
            out.flush();
            while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                if (!pipeline.firehose().isRunning()) {
                    Throwable why = pipeline.firehose().failure();
                    System.err.println("firelake local: the local Firehose stopped: " + (why == null ? "unknown" : why.getMessage()));
                    return 1;
                }
            }
            return 0;
        }

        private int detach(PrintWriter out, Path dataDir) throws IOException, InterruptedException {
            Path log = DataLayout.of(dataDir).logFile(LOG_NAME);
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())
                    .stream().takeWhile(a -> !a.equals("local")).toList());
            if (command.size() == 1) {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirelakeCli.class.getName()));
            }
            command.addAll(List.of("local", "up", "--data-dir", dataDir.toString(), "--aws-port", "" + awsPort,
                    "--kinesis-port", "" + kinesisPort,
                    "--s3-port", "" + s3Port, "--dynamodb-port", "" + dynamoDbPort, "--console-port", "" + console.port()));
            if (speedWindowSeconds != null) {
                command.addAll(List.of("--speed-window-seconds", "" + speedWindowSeconds));
            }
            ProcessBuilder child = new ProcessBuilder(command);
            Contracts.passTo(child.environment());
            Process process = child.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<RuntimeState> state = RuntimeState.read(dataDir).filter(s -> s.pid() == process.pid());
                if (state.isPresent()) {
                    out.println("firelake local: running in the background (pid " + process.pid() + "), log " + log);
                    Status.print(out, state.get());
                    return 0;
                }
                if (!process.isAlive()) {
                    spec.commandLine().getErr().println("firelake local up: the background process exited ("
                            + process.exitValue() + "). Its log, " + log + ":\n" + tail(log));
                    return FirelakeCli.EXIT_CANNOT_START;
                }
                Thread.sleep(200);
            }
            process.destroy();
            spec.commandLine().getErr().println("firelake local up: not ready within 3 minutes; see " + log);
            return FirelakeCli.EXIT_CANNOT_START;
        }

        private static String tail(Path log) throws IOException {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop what 'local up' started (the Firehose first delivers its buffers). The data stays.",
            footer = LocalExamples.DOWN)
    static final class Down implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Path dataDir = data.resolve();
            Optional<RuntimeState> state = RuntimeState.read(dataDir);
            if (state.isEmpty() || !state.get().alive()) {
                RuntimeState.delete(dataDir);
                out.println("firelake local: not running (data dir " + dataDir + ")");
                return 0;
            }
            ProcessHandle process = ProcessHandle.of(state.get().pid()).orElseThrow();
            out.println("firelake local: stopping pid " + process.pid() + " (delivering buffered records first)...");
            out.flush();
            process.destroy();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                out.println("firelake local: forced to stop; undelivered records are read again at the next start");
            }
            RuntimeState.delete(dataDir);
            out.println("firelake local: stopped. Data kept in " + dataDir);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show what is running and its endpoints.",
            footer = LocalExamples.STATUS)
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dataDir = data.resolve();
            Optional<RuntimeState> state = RuntimeState.read(dataDir);
            if (state.isEmpty() || !state.get().alive()) {
                out.println("firelake local: not running (data dir " + dataDir + "). Start with ./firelake local up");
                return 3;
            }
            out.println("firelake local: running (pid " + state.get().pid() + ", since " + state.get().startedAt() + ")");
            print(out, state.get());
            return 0;
        }

        static void print(PrintWriter out, RuntimeState s) {
            out.println("  aws endpoint    " + s.awsEndpoint() + "  " + reachable(s.awsEndpoint())
                    + "  Firehose, Glue, Athena, CloudWatch; Kinesis, S3, DynamoDB forwarded: aws --endpoint-url "
                    + s.awsEndpoint() + " firehose list-delivery-streams");
            out.println("  kinesalite      " + s.kinesisEndpoint() + "  " + reachable(s.kinesisEndpoint())
                    + "  stream " + s.streamName());
            out.println("  S3Proxy         " + s.s3Endpoint() + "  " + reachable(s.s3Endpoint())
                    + "  bucket " + s.bucket() + " = " + s.layout().lakeDir());
            out.println("  DynamoDB Local  " + s.dynamoDbEndpoint() + "  " + reachable(s.dynamoDbEndpoint()));
            if (s.consoleEndpoint() != null) {
                out.println("  console         " + s.consoleEndpoint() + "  the pipeline live: rates, buffers, errors, lake");
            }
            out.println("  local Firehose  " + s.deliveryStreamName() + "  metrics " + s.layout().metricsFile());
            out.println("  speed layer     " + SpeedLayer.FUNCTION_NAME + " (event source mapping, checkpoints "
                    + s.layout().speedLayerCheckpoints() + "); read it with ./firelake realtime --data-dir " + s.dataDir());
            out.println("  credentials     access key " + LocalCredentials.ACCESS_KEY_ID + ", secret "
                    + LocalCredentials.SECRET_ACCESS_KEY + ", region " + LocalCredentials.REGION.id());
            out.println("  producer        java -jar producer/target/firelake-producer.jar generate --endpoint "
                    + s.kinesisEndpoint() + " --stream " + s.streamName() + " --events 10000");
            out.flush();
        }

        private static String reachable(String endpoint) {
            return Loopback.accepts(URI.create(endpoint).getPort()) ? "up" : "NOT REACHABLE";
        }
    }

    static String describe(DeliveryStats stats) {
        return "read " + stats.read() + ", delivered " + stats.delivered() + ", dropped " + stats.dropped()
                + ", failed " + stats.failed();
    }
}
