package io.firelake.local.firehose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The error documents of one error output type, one JSON document per line ({@link ErrorDocuments}). */
final class ErrorBuffer implements ObjectBuffer {

    private final String outputType;
    private final Instant created;
    private final StagingDir staging;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<SourceRecord> records = new ArrayList<>();
    private Instant oldestArrival;

    ErrorBuffer(String outputType, Instant created, StagingDir staging) {
        this.outputType = outputType;
        this.created = created;
        this.staging = staging;
    }

    void add(byte[] document, SourceRecord record) {
        body.writeBytes(document);
        records.add(record.withoutPayload());
        if (oldestArrival == null || record.arrival().isBefore(oldestArrival)) {
            oldestArrival = record.arrival();
        }
    }

    String outputType() {
        return outputType;
    }

    @Override
    public Instant created() {
        return created;
    }

    @Override
    public Instant oldestArrival() {
        return oldestArrival;
    }

    @Override
    public long bytes() {
        return body.size();
    }

    @Override
    public List<SourceRecord> records() {
        return records;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String objectKey(Router router) {
        return router.errorObjectKey(outputType, oldestArrival);
    }

    @Override
    public Path finish() {
        Path file = staging.newFile(".json");
        try {
            Files.write(file, body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage error object: " + e.getMessage(), e);
        }
        return file;
    }

    @Override
    public void discard() {
        // nothing is staged before finish()
    }
}
