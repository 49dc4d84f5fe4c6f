package io.firelake.local.endpoint;

import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * What becomes of a deleted delivery stream's directory (checkpoint, Direct PUT log, buffers): on AWS the stream and
 * its data go, so a stream created again under the name starts fresh. Once the stream delivered everything, the
 * directory is deleted. A stream that was not running when deleted (its delivery had failed, or the endpoint stopped
 * while it was DELETING) may hold records it never delivered: nothing being lost, they are moved aside to
 * {@link DataLayout#undeliveredDir}, with a warning naming the place.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html">DeleteDeliveryStream</a>
 */
final class DeletedStreamState {

    private static final Logger LOG = LoggerFactory.getLogger(DeletedStreamState.class);

    private DeletedStreamState() {
    }

    static void remove(DataLayout layout, String name, boolean delivered, Instant now) {
        Path work = layout.deliveryStreamDir(name);
        if (delivered || !holdsData(work)) {
            Directories.deleteRecursively(work);
            return;
        }
        Path kept = layout.undeliveredDir(name, now);
        try {
            Files.createDirectories(kept.getParent());
            Files.move(work, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + work + " aside to " + kept + ": " + e.getMessage(), e);
        }
        LOG.warn("delivery stream {} was not running when deleted: what it had not delivered is kept in {}", name,
                kept);
    }

    /** An empty log or directory, as a stream that never started leaves, holds nothing to keep. */
    private static boolean holdsData(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.toFile().length() > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
