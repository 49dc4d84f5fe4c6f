package io.firelake.local.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One JSON line per record the processor returned Dropped: {@code recordId, payload_sha256, arrivalTimestamp,
 * shardId, sequenceNumber, subsequenceNumber, delivery_stream}. Firehose itself keeps no such list; locally it lets
 * accounting prove that a dropped record was dropped on purpose, not lost. Flushed before each checkpoint.
 */
abstract class DroppedLog implements AutoCloseable {

    static final DroppedLog NONE = new DroppedLog() {
        @Override
        void add(SourceRecord record) {
        }

        @Override
        void flush() {
        }

        @Override
        public void close() {
        }
    };

    abstract void add(SourceRecord record);

    abstract void flush();

    @Override
    public abstract void close();

    /** The delivery stream's {@code droppedLog}, or none. */
    static DroppedLog of(DeliveryStreamConfig config) {
        return config.droppedLog() == null ? NONE : to(config.droppedLog(), config.name());
    }

    static DroppedLog to(Path file, String deliveryStream) {
        BufferedWriter out;
        try {
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
        JsonFactory json = new JsonFactory();
        return new DroppedLog() {
            @Override
            void add(SourceRecord record) {
                StringWriter line = new StringWriter(256);
                try (JsonGenerator g = json.createGenerator(line)) {
                    g.writeStartObject();
                    g.writeStringField("recordId", record.recordId());
                    g.writeStringField("payload_sha256", sha256(record.data()));
                    g.writeNumberField("arrivalTimestamp", record.arrival().toEpochMilli());
                    g.writeStringField("shardId", record.shardId());
                    g.writeStringField("sequenceNumber", record.sequenceNumber());
                    g.writeNumberField("subsequenceNumber", record.subsequenceNumber());
                    g.writeStringField("delivery_stream", deliveryStream);
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                try {
                    out.write(line.toString());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            void flush() {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
