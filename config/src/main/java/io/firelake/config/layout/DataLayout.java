package io.firelake.config.layout;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where everything of the local runtime lives under its data directory ({@code --data-dir}, else
 * {@code $FIRELAKE_DATA_DIR}, else {@code .firelake/data}): the engines' files, the lake as plain files, the local
 * Firehose's checkpoints and reports, the speed layer's state, the logs and the tools' ledgers. The one place these
 * paths are spelled; every command and engine asks here.
 *
 * @param dataDir the data directory, absolute
 * @param bucket  the lake bucket, {@link #LAKE_BUCKET} unless a command is told otherwise
 */
public record DataLayout(Path dataDir, String bucket) {

    /** The local lake's bucket; on AWS the SAM stack names its own. */
    public static final String LAKE_BUCKET = "firelake-lake";

    /** The data directory when neither {@code --data-dir} nor the environment variable names one: git-ignored. */
    public static final String DEFAULT_DATA_DIR = ".firelake/data";
    public static final String DATA_DIR_VARIABLE = "FIRELAKE_DATA_DIR";

    public DataLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public static DataLayout of(Path dataDir) {
        return new DataLayout(dataDir, LAKE_BUCKET);
    }

    /** The data directory given on the command line, else the environment's, else {@link #DEFAULT_DATA_DIR}. */
    public static Path dataDir(Path given, Map<String, String> environment) {
        if (given != null) {
            return given.toAbsolutePath();
        }
        String variable = environment.get(DATA_DIR_VARIABLE);
        return Path.of(variable == null || variable.isBlank() ? DEFAULT_DATA_DIR : variable).toAbsolutePath();
    }

    public DataLayout withBucket(String otherBucket) {
        return new DataLayout(dataDir, otherBucket);
    }

    /** kinesalite's LevelDB. */
    public Path kinesisDir() {
        return dataDir.resolve("kinesis");
    }

    /** S3Proxy's file system backend: object {@code <bucket>/<key>} is the file {@code s3/<bucket>/<key>}. */
    public Path s3Dir() {
        return dataDir.resolve("s3");
    }

    public Path dynamoDbDir() {
        return dataDir.resolve("dynamodb");
    }

    /** The lake bucket's files. */
    public Path lakeDir() {
        return s3Dir().resolve(bucket);
    }

    public Path lakeDir(LakePrefix prefix) {
        return lakeDir().resolve(prefix.key());
    }

    public Path rawDir() {
        return lakeDir(LakePrefix.RAW);
    }

    public Path errorsDir() {
        return lakeDir(LakePrefix.ERRORS);
    }

    /** The local Firehose's files: one directory per delivery stream, and the reports every stream appends to. */
    public Path firehoseDir() {
        return dataDir.resolve("firehose");
    }

    /** A delivery stream's checkpoints and staged records. */
    public Path deliveryStreamDir(String deliveryStreamName) {
        return firehoseDir().resolve(deliveryStreamName);
    }

    /**
     * What a delivery stream deleted while it was not running (its delivery had failed, or the endpoint stopped while it
     * was DELETING) still held: its checkpoint, Direct PUT log and buffers, moved here rather than thrown away, one
     * directory per deletion named for the stream and the time, so a stream created again under the name starts fresh.
     */
    public Path undeliveredDir(String deliveryStreamName, Instant deleted) {
        return undeliveredDir().resolve(deliveryStreamName + "-" + deleted.toEpochMilli());
    }

    public Path undeliveredDir() {
        return dataDir.resolve("firehose-undelivered");
    }

    /** The local Firehose's metric datapoints, one JSON line each, named as in CloudWatch. */
    public Path metricsFile() {
        return firehoseDir().resolve("metrics.jsonl");
    }

    /** The records the processor dropped on purpose, by payload sha256 (Firehose keeps no such list; accounting does). */
    public Path droppedFile() {
        return firehoseDir().resolve("dropped.jsonl");
    }

    /** The speed layer's event source mapping: checkpoints, window state and discarded batches. */
    public Path speedLayerDir() {
        return dataDir.resolve("speed-layer");
    }

    public Path speedLayerCheckpoints() {
        return speedLayerDir().resolve("checkpoints.json");
    }

    /** Discarded batches: the on-failure destination, an SQS queue on AWS. */
    public Path speedLayerOnFailure() {
        return speedLayerDir().resolve("on-failure.jsonl");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    /** A Lambda function's log lines, or another background process's output. */
    /** Where the local AWS endpoint keeps what its APIs created: delivery streams, the Glue catalog and jobs. */
    public Path awsDir() {
        return dataDir.resolve("aws");
    }

    public Path logFile(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** What {@code local up} runs: its process and endpoints, while it runs. */
    public Path runtimeStateFile() {
        return dataDir.resolve("local").resolve("state.json");
    }

    /** The producer's manifest of the last demo. */
    public Path demoManifest() {
        return dataDir.resolve("demo").resolve("manifest.jsonl");
    }

    /** What replay-errors re-sent, so a second run does not send it again. */
    public Path replayLedger() {
        return dataDir.resolve("replay").resolve("ledger.jsonl");
    }

    /**
     * What one run of the pipeline leaves behind: the stream, the lake, the Firehose's and the speed layer's state, the
     * table, the logs and the demo's manifest. Not {@code local/} (a running {@code local up}) nor the replay ledger.
     */
    public List<Path> runFiles() {
        return List.of(kinesisDir(), lakeDir(), firehoseDir(), undeliveredDir(),
                demoManifest().getParent(), dynamoDbDir(), logsDir(), speedLayerDir(), awsDir());
    }

    /** Creates the data directory if missing and checks it can be written, before any engine starts. */
    public DataLayout requireWritable() {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            // createDirectories names only the path that is in the way: say what is wrong with it.
            String reason = e instanceof FileAlreadyExistsException exists
                    ? exists.getFile() + " is a file, not a directory" : e.getMessage();
            throw new IllegalStateException("the data directory " + dataDir + " is not writable (" + reason
                    + "). Choose another with --data-dir.", e);
        }
        return this;
    }
}
