package io.firelake.monitoring.cli;

import java.nio.file.Path;

/** Defaults shared with the local runtime: where its data directory and the local Firehose's reports live. */
final class LocalPaths {
    /** Overridden by --data-dir or the FIRELAKE_DATA_DIR environment variable. */
    static final String DEFAULT_DATA_DIR = ".firelake/data";

    private LocalPaths() {
    }

    static Path dataDir(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("FIRELAKE_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? DEFAULT_DATA_DIR : env);
    }

}
