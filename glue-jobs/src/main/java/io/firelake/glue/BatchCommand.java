package io.firelake.glue;

import io.firelake.glue.launch.SparkJvm;

import io.firelake.config.cli.DayRangeOptions;
import io.firelake.config.cli.LakeOptions;
import io.firelake.config.layout.LakePrefix;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code firelake batch}: compacts the local lake's raw Parquet into curated Parquet and rebuilds the batch views, with
 * the same Spark code the Glue jobs run, in Spark local mode.
 *
 * <p>This class must not touch Spark: the CLI that mounts it has Parquet 1.17 on its class path, which Spark 3.5 cannot
 * share. It starts {@link LocalBatchRunner} in a JVM of its own, on the class path {@code glue-jobs} writes at package
 * time ({@code glue-jobs/target/spark-classpath.txt}), with the {@code --add-opens} flags Spark needs on Java 17.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the batch layer on the local lake with Spark in local mode: the same jobs as on AWS Glue.",
                "1. compaction: raw/ (many small Firehose files, duplicates) -> curated/ (one row per event_id, "
                        + "few large files per day);",
                "2. views: traffic_hourly, sessions, funnel_daily, revenue_daily under views/.",
                "Each run replaces the days it processes (re-running is safe) and also re-processes "
                        + "--lookback-days earlier days, where late events land.",
                "Days: --date D (default: today, UTC), or --from D --to D (--to defaults to --from).",
                "Then: firelake report --all --from D --to D"},
        footer = {"", "Examples:", "  firelake batch                          # today (UTC)",
                "  firelake batch --date 2026-11-21", "  firelake batch --from 2026-11-01 --to 2026-11-30"})
public final class BatchCommand implements Callable<Integer> {

    public static final String CLASSPATH_FILE = "spark-classpath.txt";

    @Mixin
    DayRangeOptions days;

    @Mixin
    LakeOptions lake;

    @Option(names = "--lookback-days", paramLabel = "N", defaultValue = "2",
            description = "Earlier days re-processed for late events (default: ${DEFAULT-VALUE}).")
    int lookbackDays;

    @Option(names = "--target-file-mb", paramLabel = "MB", defaultValue = "128",
            description = "Curated file size to aim for (default: ${DEFAULT-VALUE}).")
    int targetFileMb;

    @Option(names = "--cores", paramLabel = "N", defaultValue = "2",
            description = "Spark local cores (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--spark-classpath", paramLabel = "PATHS",
            description = "Class path for the Spark JVM (default: read from glue-jobs/target/" + CLASSPATH_FILE + ").")
    String sparkClasspath;

    @Option(names = "--in-process", description = "Run Spark in this JVM (only when Spark is already on its class path).")
    boolean inProcess;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> jobArgs;
        try {
            jobArgs = jobArguments();
        } catch (IllegalArgumentException e) {
            System.err.println("firelake batch: " + e.getMessage());
            return 2;
        }
        if (inProcess) {
            return LocalBatchRunner.run(jobArgs.toArray(String[]::new));
        }
        String classpath;
        try {
            classpath = Optional.ofNullable(sparkClasspath).orElseGet(BatchCommand::locateClasspath);
        } catch (IllegalStateException e) {
            System.err.println("firelake batch: " + e.getMessage());
            return 2;
        }
        return SparkJvm.run(classpath, LocalBatchRunner.class.getName(), jobArgs, System.out, System.err).code();
    }

    List<String> jobArguments() {
        DayRangeOptions.Days range = days.oneDay(LocalDate.now(ZoneOffset.UTC));
        Path lakeDir = lake.directory();
        Path raw = lakeDir.resolve(LakePrefix.RAW.key());
        if (!Files.isDirectory(raw)) {
            throw new IllegalArgumentException("no raw data under " + lakeDir + " (expected " + raw
                    + "): run the local pipeline first, or point --lake / --data-dir at a lake");
        }
        return List.of("--JOB_NAME", "firelake-batch-local", "--lake", lakeDir.toString(),
                "--from", range.first().toString(), "--to", range.last().toString(),
                "--lookback-days", String.valueOf(lookbackDays), "--target-file-mb", String.valueOf(targetFileMb),
                "--cores", String.valueOf(cores));
    }

    /** This module's classes plus the Spark class path Maven wrote next to them, or in ./glue-jobs/target. */
    public static String locateClasspath() {
        List<Path> targets = new ArrayList<>();
        try {
            Path codeSource = Path.of(BatchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            targets.add(codeSource.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            // Not loaded from a file: fall back to the working directory.
        }
        targets.add(Path.of("glue-jobs", "target").toAbsolutePath());
        for (Path target : targets) {
            Path file = target.resolve(CLASSPATH_FILE);
            if (Files.isRegularFile(file)) {
                Path classes = target.resolve("classes");
                Path own = Files.isDirectory(classes) ? classes : target.resolve("firelake-glue-jobs.jar");
                try {
                    return own + File.pathSeparator + Files.readString(file).strip();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        throw new IllegalStateException("Spark's class path is not built yet (no " + CLASSPATH_FILE + " in "
                + targets + "): run ./mvnw -q -pl glue-jobs -am package -DskipTests");
    }
}
