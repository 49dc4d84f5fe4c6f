package io.firelake.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local runtime's data directory: created when missing, and checked for writing before any engine starts. */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("the data directory " + dir.toAbsolutePath() + " is not writable ("
                    + e.getMessage() + "). Choose another with --data-dir.", e);
        }
    }
}
