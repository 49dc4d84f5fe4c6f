package io.firelake.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firelake.config.layout.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What {@code local up} runs, in the data directory's {@link DataLayout#runtimeStateFile() state file}: the process,
 * its endpoints and the names other tools point at. Written once everything is ready; removed on a clean stop.
 */
public record RuntimeState(long pid, String startedAt, String dataDir, String awsEndpoint, String kinesisEndpoint,
                           String s3Endpoint, String dynamoDbEndpoint, String streamName, String deliveryStreamName,
                           String bucket, String consoleEndpoint) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path file(Path dataDir) {
        return DataLayout.of(dataDir).runtimeStateFile();
    }

    /** Where the running pipeline keeps everything, its lake bucket included. */
    public DataLayout layout() {
        return new DataLayout(Path.of(dataDir), bucket);
    }

    public static Optional<RuntimeState> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RuntimeState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path dataDir) {
        Path file = file(dataDir);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException ignored) {
            // a stale state file is recognised by its dead pid
        }
    }

    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
