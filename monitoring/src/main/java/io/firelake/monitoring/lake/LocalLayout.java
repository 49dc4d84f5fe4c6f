package io.firelake.monitoring.lake;

import java.nio.file.Path;

/**
 * Where the local runtime keeps things under its data directory: S3Proxy's filesystem backend stores object
 * {@code <bucket>/<key>} at {@code <data>/s3/<bucket>/<key>}, so the lake is plain files.
 */
public record LocalLayout(Path dataDir, String bucket) {
    public static final String DEFAULT_BUCKET = "firelake-lake";
    public static final String RAW_PREFIX = "raw";
    public static final String ERROR_PREFIX = "errors";

    public static LocalLayout of(Path dataDir) {
        return new LocalLayout(dataDir, DEFAULT_BUCKET);
    }

    public Path lakeRoot() {
        return dataDir.resolve("s3").resolve(bucket);
    }

    public Path rawDir() {
        return lakeRoot().resolve(RAW_PREFIX);
    }

    public Path errorsDir() {
        return lakeRoot().resolve(ERROR_PREFIX);
    }

    /**
     * Where the local runtime's Firehose appends its metric datapoints (each line names its delivery stream in its
     * DeliveryStreamName dimension).
     */
    public Path metricsFile() {
        return dataDir.resolve("firehose").resolve("metrics.jsonl");
    }

    /** Records dropped on purpose, named by payload sha256, if the local Firehose writes them. */
    public Path droppedFile() {
        return dataDir.resolve("firehose").resolve("dropped.jsonl");
    }

    /** Where replay-errors records what it re-sent, so a second run does not send it again. */
    public Path replayLedger() {
        return dataDir.resolve("replay").resolve("ledger.jsonl");
    }
}
