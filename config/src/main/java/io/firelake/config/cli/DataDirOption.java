package io.firelake.config.cli;

import io.firelake.config.layout.DataLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir}: the one option every command that reads or writes the local runtime's files mixes in. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The local runtime's data directory: the stream, the lake (DIR/s3/" + DataLayout.LAKE_BUCKET
                    + "/), checkpoints, metrics and logs (default: $" + DataLayout.DATA_DIR_VARIABLE + " or "
                    + DataLayout.DEFAULT_DATA_DIR + ").")
    Path dataDir;

    /** The option, else {@code $FIRELAKE_DATA_DIR}, else {@code .firelake/data}; absolute. */
    public Path resolve() {
        return DataLayout.dataDir(dataDir, System.getenv());
    }

    public DataLayout layout() {
        return DataLayout.of(resolve());
    }
}
