package io.firelake.aws.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint kept in one file and replaced atomically, so that a crash leaves the old checkpoint or the new one,
 * never part of one. The one temp-file rule of the project: the new content goes to a temporary file of its own in
 * the same directory (same file system, so the move is a rename; its own name, so two writers never share it), is
 * forced to disk, then moved over the checkpoint atomically; a failed write removes its temporary file.
 *
 * <p>The directory is not forced after the rename: if a power cut loses the rename, the older checkpoint is read,
 * which repeats some records (at least once) and loses none. A file that cannot be decoded is an error
 * ({@link CorruptCheckpointException}), never an empty checkpoint: starting over silently would re-deliver a whole
 * stream.
 *
 * @param <T> what is checkpointed; the codec gives its bytes
 */
public final class CheckpointFile<T> {

    /** The file's format. */
    public interface Codec<T> {
        byte[] encode(T value) throws IOException;

        T decode(byte[] bytes) throws IOException;
    }

    private final Path file;
    private final Codec<T> codec;

    public CheckpointFile(Path file, Codec<T> codec) {
        this.file = Objects.requireNonNull(file, "file");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public Path file() {
        return file;
    }

    /** The saved checkpoint, or empty when none was saved yet. */
    public Optional<T> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new CorruptCheckpointException(file, "it is empty", null);
        }
        try {
            return Optional.of(Objects.requireNonNull(codec.decode(bytes), "the codec decoded nothing"));
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(file, e.getMessage(), e);
        }
    }

    /** Replaces the checkpoint with {@code value}: afterwards {@link #load()} returns it, even after a crash. */
    public synchronized void save(T value) {
        Path temp = null;
        try {
            byte[] bytes = codec.encode(value);
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; its leftover is only a stray temporary file
                }
            }
        }
    }
}
