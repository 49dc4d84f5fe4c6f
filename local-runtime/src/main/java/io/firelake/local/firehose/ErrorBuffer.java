package io.firelake.local.firehose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The error documents of one error output type, one JSON document per line ({@link ErrorDocuments}). */
final class ErrorBuffer extends ObjectBuffer {

    private final String outputType;
    private final StagingDir staging;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    ErrorBuffer(String outputType, Instant created, StagingDir staging) {
        super(created, "application/json");
        this.outputType = outputType;
        this.staging = staging;
    }

    void add(byte[] document, SourceRecord record) {
        body.writeBytes(document);
        track(record);
    }

    String outputType() {
        return outputType;
    }

    @Override
    long bytes() {
        return body.size();
    }

    @Override
    String objectKey(Router router) {
        return router.errorObjectKey(outputType, oldestArrival());
    }

    @Override
    Path finish() {
        Path file = staging.newFile(".json");
        try {
            Files.write(file, body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage error object: " + e.getMessage(), e);
        }
        return file;
    }

    @Override
    void discard() {
        // nothing is staged before finish()
    }
}
