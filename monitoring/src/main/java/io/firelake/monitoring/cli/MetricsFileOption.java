package io.firelake.monitoring.cli;

import io.firelake.monitoring.lake.LocalLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --metrics-file}, mixed into the commands that read the local Firehose's metrics. */
final class MetricsFileOption {

    @Option(names = "--metrics-file", description = "The local Firehose's metrics (default: "
            + "<data-dir>/firehose/metrics.jsonl).")
    Path metricsFile;

    /** The option, else where the local Firehose writes its metrics under this layout's data directory. */
    Path resolve(LocalLayout layout) {
        return metricsFile != null ? metricsFile : layout.metricsFile();
    }
}
