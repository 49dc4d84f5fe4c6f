package io.firelake.monitoring.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What replay-errors has re-sent, keyed by the sha256 of the raw record: JSON lines
 * {@code {"sha256", "replayed_at", "object_key", "error_code"}}, each appended and flushed as soon as Kinesis has
 * acknowledged its record. A crash between an acknowledgement and its ledger line can resend a record once; the batch
 * layer's de-duplication by event_id absorbs that, which is why the ledger favours resending over skipping.
 */
public final class ReplayLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Set<String> replayed = ConcurrentHashMap.newKeySet();

    private ReplayLedger(Path file) {
        this.file = file;
    }

    public static ReplayLedger open(Path file) throws IOException {
        ReplayLedger ledger = new ReplayLedger(file);
        if (Files.exists(file)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        ledger.replayed.add(JSON.readTree(line).path("sha256").asText());
                    } catch (IOException halfWrittenLastLine) {
                        // A line cut by a crash names no complete record; resending it is the safe side.
                    }
                }
            }
        }
        return ledger;
    }

    public boolean contains(String sha256) {
        return replayed.contains(sha256);
    }

    public int size() {
        return replayed.size();
    }

    public Path file() {
        return file;
    }

    public record Entry(String sha256, String objectKey, String errorCode) {
    }

    /** Opens the ledger file to append to, for one run. */
    public Appender appender() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new Appender(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    /** Appends entries from any thread (the sender's callbacks), each line flushed at once. */
    public final class Appender implements AutoCloseable {
        private final Writer writer;

        private Appender(Writer writer) {
            this.writer = writer;
        }

        public synchronized void append(Entry entry, Instant at) throws IOException {
            ObjectNode line = JSON.createObjectNode()
                    .put("sha256", entry.sha256())
                    .put("replayed_at", at.toString())
                    .put("object_key", entry.objectKey())
                    .put("error_code", entry.errorCode());
            writer.write(JSON.writeValueAsString(line));
            writer.write('\n');
            writer.flush();
            replayed.add(entry.sha256());
        }

        @Override
        public synchronized void close() throws IOException {
            writer.close();
        }
    }
}
