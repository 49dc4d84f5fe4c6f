package io.firelake.config.cli;

import io.firelake.config.layout.DataLayout;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Where the lake is for the commands that read it from disk: {@code --lake} itself, else the one under {@code --data-dir}. */
public final class LakeOptions {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--lake", paramLabel = "DIR|S3",
            description = "The lake itself, instead of <data-dir>/s3/" + DataLayout.LAKE_BUCKET + "/: a directory; "
                    + "report --ddl also takes an s3://bucket.")
    String lake;

    /** {@code --lake} as given: a directory or an {@code s3://} URI. */
    public Optional<String> given() {
        return Optional.ofNullable(lake);
    }

    /** The lake's directory on this machine; an {@link IllegalArgumentException} when {@code --lake} is on S3. */
    public Path directory() {
        if (lake == null) {
            return dataDir.layout().lakeDir();
        }
        if (lake.startsWith("s3://")) {
            throw new IllegalArgumentException("--lake " + lake + " is on S3, and this reads local files");
        }
        return Path.of(lake).toAbsolutePath().normalize();
    }
}
