package io.firelake.config.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoriesTest {

    @TempDir
    Path dir;

    @Test
    void deletesATreeButNotWhatItsLinksPointTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "kept");
        Path tree = Files.createDirectories(dir.resolve("stream/buffer/nested"));
        Files.writeString(tree.resolve("object.json"), "{}");
        Files.writeString(dir.resolve("stream/checkpoint.json"), "{}");
        Files.createSymbolicLink(dir.resolve("stream/link"), outside);

        Directories.deleteRecursively(dir.resolve("stream"));

        assertThat(dir.resolve("stream")).doesNotExist();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void nothingToDeleteIsNotAnError() {
        Directories.deleteRecursively(dir.resolve("missing"));
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
