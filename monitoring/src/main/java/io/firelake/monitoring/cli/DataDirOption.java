package io.firelake.monitoring.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --data-dir}, mixed into every command that reads the local runtime's files. The default is shared with the
 * local runtime, which writes there.
 */
final class DataDirOption {
    /** Overridden by --data-dir or the FIRELAKE_DATA_DIR environment variable. */
    static final String DEFAULT_DATA_DIR = ".firelake/data";

    @Option(names = "--data-dir", description = "The local runtime's data directory: the lake bucket under s3/, the "
            + "local Firehose's reports under firehose/, the replay ledger under replay/ (default: $FIRELAKE_DATA_DIR "
            + "or " + DEFAULT_DATA_DIR + ").")
    Path dataDir;

    /** The option, else $FIRELAKE_DATA_DIR, else the default. */
    Path resolve() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("FIRELAKE_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? DEFAULT_DATA_DIR : env);
    }
}
