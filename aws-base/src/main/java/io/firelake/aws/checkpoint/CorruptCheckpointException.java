package io.firelake.aws.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A checkpoint file that exists but cannot be read as a checkpoint: says which file, and what to do about it. */
public final class CorruptCheckpointException extends UncheckedIOException {

    private final transient Path file;

    public CorruptCheckpointException(Path file, String reason, Throwable cause) {
        super("the checkpoint file " + file + " is corrupt (" + reason + "). Move it away to start the stream over "
                + "from its oldest record, or restore it from a backup", cause instanceof IOException io ? io
                : new IOException(reason, cause));
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
