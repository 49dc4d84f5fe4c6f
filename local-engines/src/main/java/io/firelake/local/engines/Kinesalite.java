package io.firelake.local.engines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kinesalite 3.3.3 (an npm Kinesis API emulator) as a child Node.js process on 127.0.0.1. The process is started
 * through {@code local-engines/node/kinesalite-loopback.js}, which binds loopback only and exits when this JVM goes
 * away (its stdin closes), besides the shutdown hook and {@link #close()}.
 *
 * <p>Stream state changes are immediate ({@code --createStreamMs 0} and friends) and the shard limit is 100, so tests
 * and the demo need no waiting. Without a data directory the streams live in memory.
 */
public final class Kinesalite implements AutoCloseable {

    public static final String ENGINE = "kinesalite (local Kinesis)";
    public static final int DEFAULT_SHARD_LIMIT = 100;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_LINES_KEPT = 50;

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Deque<String> output = new ArrayDeque<>();
    private final Thread shutdownHook;
    private volatile boolean listening;

    private Kinesalite(Builder builder) {
        NodePackages packages = builder.packages != null ? builder.packages : NodePackages.locate();
        packages.ensureInstalled();
        this.port = Loopback.resolvePort(builder.port, ENGINE);
        this.dataDir = builder.dataDir;
        List<String> command = new ArrayList<>(List.of(packages.nodeExecutable(), "kinesalite-loopback.js",
                "--port", Integer.toString(port),
                "--shardLimit", Integer.toString(builder.shardLimit),
                "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0"));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new EngineStartException(ENGINE + ": cannot create its data directory " + dataDir + ": "
                        + e.getMessage(), e);
            }
            if (!Files.isWritable(dataDir)) {
                throw new EngineStartException(ENGINE + ": its data directory " + dataDir + " is not writable");
            }
            command.add("--path");
            command.add(dataDir.toAbsolutePath().toString());
        }
        try {
            process = new ProcessBuilder(command).directory(packages.directory().toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new EngineStartException(ENGINE + ": could not start `" + String.join(" ", command) + "`: "
                    + e.getMessage(), e);
        }
        shutdownHook = new Thread(process::destroy, "kinesalite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread reader = new Thread(this::readOutput, "kinesalite-output-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            Loopback.await(ENGINE, START_TIMEOUT, () -> listening && Loopback.accepts(port),
                    () -> !process.isAlive(), this::diagnostics);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** In memory, on a free port. */
    public static Kinesalite start() {
        return builder().start();
    }

    public URI endpoint() {
        return Loopback.httpEndpoint(port);
    }

    public int port() {
        return port;
    }

    /** Where LevelDB keeps the streams, or null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: nothing to remove.
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("Listening at")) {
                    listening = true;
                }
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; its exit is reported by whoever waits for it.
        }
    }

    private String diagnostics() {
        synchronized (output) {
            String exit = process.isAlive() ? "" : "Exit code " + process.exitValue() + ". ";
            return exit + (output.isEmpty() ? "It printed nothing." : "Its output:\n" + String.join("\n", output));
        }
    }

    @Override
    public String toString() {
        return "Kinesalite[" + endpoint() + (dataDir == null ? ", in memory" : ", " + dataDir) + "]";
    }

    public static final class Builder {
        private int port;
        private Path dataDir;
        private int shardLimit = DEFAULT_SHARD_LIMIT;
        private NodePackages packages;

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Keeps streams in LevelDB under this directory, so they survive a restart; null keeps them in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder shardLimit(int shardLimit) {
            this.shardLimit = shardLimit;
            return this;
        }

        public Builder nodePackages(NodePackages packages) {
            this.packages = packages;
            return this;
        }

        public Kinesalite start() {
            return new Kinesalite(this);
        }
    }
}
