package io.firelake.monitoring.cli;

import io.firelake.config.layout.DataLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --metrics-file}, mixed into the commands that read the local Firehose's metrics. */
final class MetricsFileOption {

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "The local Firehose's metrics "
            + "(default: <data-dir>/firehose/metrics.jsonl).")
    Path metricsFile;

    /** The option, else where the local Firehose writes its metrics under this layout's data directory. */
    Path resolve(DataLayout layout) {
        return metricsFile != null ? metricsFile : layout.metricsFile();
    }
}
