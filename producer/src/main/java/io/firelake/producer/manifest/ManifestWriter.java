package io.firelake.producer.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The manifest: one JSON line per record once its fate is known, so accounting downstream can reconcile what the
 * lake holds against what was sent. Fields: {@code event_id} (null if the payload carries none),
 * {@code payload_sha256}, {@code kind} ({@code valid}, a fault name, or {@code replay}), {@code partition_key},
 * {@code bytes}, {@code status} ({@code delivered} or {@code failed}); when delivered to a Kinesis stream
 * {@code shard_id}, {@code sequence_number}, {@code sub_sequence_number} and {@code aggregated}, to a Firehose delivery
 * stream {@code record_id}; when failed {@code error_code} and {@code error_message}; and {@code attempts}.
 */
public final class ManifestWriter implements DeliveryListener, AutoCloseable {

    private final JsonGenerator json;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(ManifestWriter::newDigest);

    public ManifestWriter(OutputStream out) {
        try {
            this.json = new JsonFactory().createGenerator(new BufferedOutputStream(out, 1 << 16));
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ManifestWriter to(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new ManifestWriter(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest to " + file, e);
        }
    }

    @Override
    public void delivered(ProducerRecord record, Delivery delivery) {
        String hash = hash(record.data());
        synchronized (this) {
            try {
                start(record, hash, "delivered");
                if (delivery.recordId() != null) {
                    json.writeStringField("record_id", delivery.recordId());
                } else {
                    json.writeStringField("shard_id", delivery.shardId());
                    json.writeStringField("sequence_number", delivery.sequenceNumber());
                    json.writeNumberField("sub_sequence_number", delivery.subSequenceNumber());
                    json.writeBooleanField("aggregated", delivery.aggregated());
                }
                json.writeNumberField("attempts", delivery.attempts());
                end();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the manifest", e);
            }
        }
    }

    @Override
    public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
        String hash = hash(record.data());
        synchronized (this) {
            try {
                start(record, hash, "failed");
                json.writeStringField("error_code", errorCode);
                json.writeStringField("error_message", errorMessage);
                json.writeNumberField("attempts", attempts);
                end();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the manifest", e);
            }
        }
    }

    private void start(ProducerRecord record, String hash, String status) throws IOException {
        json.writeStartObject();
        json.writeStringField("event_id", record.eventId());
        json.writeStringField("payload_sha256", hash);
        json.writeStringField("kind", record.kind());
        json.writeStringField("partition_key", record.partitionKey());
        json.writeNumberField("bytes", record.data().length);
        json.writeStringField("status", status);
    }

    private void end() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private String hash(byte[] data) {
        return HexFormat.of().formatHex(sha256.get().digest(data));
    }

    @Override
    public synchronized void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the manifest", e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
