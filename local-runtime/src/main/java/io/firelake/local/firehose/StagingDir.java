package io.firelake.local.firehose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local directory objects are staged in until their PutObject. Its files are never needed after a restart (the
 * records behind the checkpoint are read again), so it is emptied at start and at close.
 */
final class StagingDir {

    private final Path dir;

    StagingDir(Path dir) {
        this.dir = dir;
    }

    /** A path for a new staging file, named uniquely. */
    Path newFile(String suffix) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(UUID.randomUUID() + suffix);
    }

    void clear() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(StagingDir::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of a staged object, as written to S3. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover staging file is removed at the next start
        }
    }
}
