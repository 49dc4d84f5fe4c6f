package io.firelake.local.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir}, shared by every local command (the monitoring commands read the same default). */
public final class DataDirOption {

    /** Under the git-ignored {@code .firelake/} at the repository root. */
    public static final String DEFAULT = ".firelake/data";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the engines keep the stream, the lake (s3/<bucket>/<key>), checkpoints, metrics and "
                    + "logs (default: $FIRELAKE_DATA_DIR or " + DEFAULT + ").")
    Path dataDir;

    public Path resolve() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String env = System.getenv("FIRELAKE_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? DEFAULT : env).toAbsolutePath();
    }
}
