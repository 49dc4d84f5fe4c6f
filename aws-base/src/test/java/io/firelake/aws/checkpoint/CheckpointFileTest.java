package io.firelake.aws.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointFileTest {

    /** A format that knows when it is cut short: the text, then its length. */
    private static final CheckpointFile.Codec<String> CODEC = new CheckpointFile.Codec<>() {
        @Override
        public byte[] encode(String value) {
            if (value.equals("unencodable")) {
                throw new IllegalArgumentException("cannot encode " + value);
            }
            return (value + "|" + value.length()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) throws IOException {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            if (bar < 0 || Integer.parseInt(text.substring(bar + 1)) != bar) {
                throw new IOException("truncated checkpoint");
            }
            return text.substring(0, bar);
        }
    };

    @TempDir
    Path temp;

    @Test
    void savesAndLoadsAndLeavesNoTemporaryFile() throws IOException {
        CheckpointFile<String> checkpoints = new CheckpointFile<>(temp.resolve("deep/dir/checkpoint.json"), CODEC);
        assertThat(checkpoints.load()).isEmpty();

        checkpoints.save("first");
        checkpoints.save("second");

        assertThat(checkpoints.load()).contains("second");
        assertThat(new CheckpointFile<>(checkpoints.file(), CODEC).load()).contains("second");
        try (Stream<Path> files = Files.list(checkpoints.file().getParent())) {
            assertThat(files).containsExactly(checkpoints.file());
        }
    }

    @Test
    void aFailedSaveKeepsTheOldCheckpointAndLeavesNoTemporaryFile() throws IOException {
        CheckpointFile<String> checkpoints = new CheckpointFile<>(temp.resolve("checkpoint.json"), CODEC);
        checkpoints.save("kept");

        assertThatThrownBy(() -> checkpoints.save("unencodable")).isInstanceOf(IllegalArgumentException.class);
        Files.createDirectory(temp.resolve("blocked"));
        CheckpointFile<String> unwritable = new CheckpointFile<>(temp.resolve("blocked"), CODEC);
        assertThatThrownBy(() -> unwritable.save("over a directory")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(temp.resolve("blocked").toString());

        assertThat(checkpoints.load()).contains("kept");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("checkpoint.json", "blocked");
        }
    }

    @Test
    void aCorruptOrEmptyFileIsAnErrorNamingTheFileNeverAFreshStart() throws IOException {
        Path file = temp.resolve("checkpoint.json");
        CheckpointFile<String> checkpoints = new CheckpointFile<>(file, CODEC);

        Files.writeString(file, "half a checkp");
        assertThatThrownBy(checkpoints::load).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt")
                .isInstanceOf(UncheckedIOException.class);

        Files.write(file, new byte[0]);
        assertThatThrownBy(checkpoints::load).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void readersNeverSeePartOfACheckpointWhileItIsReplaced() throws Exception {
        CheckpointFile<String> checkpoints = new CheckpointFile<>(temp.resolve("checkpoint.json"), CODEC);
        String small = "s";
        String large = "L".repeat(256 * 1024);
        checkpoints.save(small);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Throwable> errors = new ArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                checkpoints.save(i % 2 == 0 ? large : small);
            }
            writing.set(false);
        });
        writer.start();
        int loads = 0;
        while (writing.get()) {
            try {
                assertThat(new CheckpointFile<>(checkpoints.file(), CODEC).load().orElseThrow()).isIn(small, large);
                loads++;
            } catch (Throwable e) {
                errors.add(e);
                break;
            }
        }
        writer.join();
        assertThat(errors).isEmpty();
        assertThat(loads).isPositive();
    }
}
