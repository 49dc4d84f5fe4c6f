package io.firelake.local.firehose;

import java.nio.file.Path;

/** The S3 destination: one PutObject per delivered object. */
public interface ObjectStore {

    /** Writes {@code body} as the object {@code key} of the destination bucket; throws when the write fails. */
    void put(String key, Path body, String contentType);

    /** The destination bucket's name. */
    String bucket();
}
