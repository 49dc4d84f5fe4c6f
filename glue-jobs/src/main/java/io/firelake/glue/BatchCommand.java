package io.firelake.glue;

import io.firelake.aws.client.ClientSettings;
import io.firelake.config.cli.ContractOption;
import io.firelake.config.cli.DayRangeOptions;
import io.firelake.config.cli.DurationConverter;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.LakeOptions;
import io.firelake.config.cli.Source;
import io.firelake.config.layout.LakePrefix;
import io.firelake.glue.aws.GlueBatchRun;
import io.firelake.glue.aws.GlueJobNames;
import io.firelake.glue.aws.GlueJobRuns;
import io.firelake.glue.launch.SparkJvm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code firelake batch}: compacts raw Parquet into curated Parquet and rebuilds the batch views. Locally (default) it
 * runs the same Spark code the Glue jobs run, in Spark local mode; with {@code --source aws} it starts the stack's
 * deployed Glue jobs (compaction, then the views) with the Glue SDK and follows them ({@link GlueBatchRun}), on AWS or
 * on any endpoint that serves Glue, such as the local pipeline's.
 *
 * <p>This class must not touch Spark: the CLI that mounts it has Parquet 1.17 on its class path, which Spark 3.5 cannot
 * share. It starts {@link LocalBatchRunner} in a JVM of its own, on the class path {@code glue-jobs} writes at package
 * time ({@code glue-jobs/target/spark-classpath.txt}), with the {@code --add-opens} flags Spark needs on Java 17.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the batch layer: the Glue jobs' Spark code, locally or on Glue.",
                "1. compaction: raw/ (many small Firehose files, duplicates) -> curated/ (one row per event_id, "
                        + "few large files per day);",
                "2. views: the contract's batch views (contracts/NAME/views/*.sql, Spark SQL over the curated events; "
                        + "clickstream: traffic_hourly, sessions, funnel_daily, revenue_daily) under views/ (only after "
                        + "compaction succeeded).",
                "Each run replaces the days it processes (re-running is safe) and also re-processes "
                        + "--lookback-days earlier days, where late events land.",
                "Days: --date D (default: today, UTC), or --from D --to D (--to defaults to --from).",
                "--source local (default): Spark in local mode, in a JVM of its own, on the local lake.",
                "--source aws: starts the stack's Glue jobs STACK-compaction and STACK-batch-views (sam/template.yaml) "
                        + "with the days as their --from/--to/--lookback-days arguments, prints each run's state "
                        + "until it ends, and exits 1 with Glue's ErrorMessage when a run fails. With --endpoint-url "
                        + "(or $" + EndpointOptions.ENDPOINT_VARIABLE + ") it drives any endpoint that serves Glue, "
                        + "such as the one of 'firelake local up' (http://127.0.0.1:4566), whose jobs run the "
                        + "same Spark code on the local lake.",
                "Then: firelake report --all --from D --to D"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compaction and views done", "1:a job failed (the views do not start after a failed "
                + "compaction)", "2:bad options, no lake, or the Glue jobs cannot be found or reached"},
        footerHeading = "%nExamples:%n",
        footer = {"  firelake batch                        # today (UTC), Spark on the local lake",
                "  firelake batch --date 2026-11-21",
                "  firelake batch --from 2026-11-01 --to 2026-11-30 --lookback-days 0",
                "  firelake batch --source aws --date 2026-11-21       # stack firelake on AWS",
                "  firelake batch --source aws --stack shop --region eu-west-1 --date 2026-11-21",
                "  firelake batch --source aws --endpoint-url http://127.0.0.1:4566 \\",
                "                 --date 2026-11-21     # the Glue jobs of firelake local up"})
public final class BatchCommand implements Callable<Integer> {

    public static final String CLASSPATH_FILE = "spark-classpath.txt";
    /** Options that only the local mode reads, and only Glue's. */
    static final List<String> LOCAL_ONLY = List.of("--lake", "--data-dir", "--cores", "--spark-classpath",
            "--in-process");
    static final List<String> AWS_ONLY = List.of("--stack", "--endpoint", "--region", "--poll-interval");

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "local|aws", description = "local: Spark in local mode; aws: the "
            + "stack's Glue jobs (default: local, or aws when an endpoint (--endpoint-url, $"
            + EndpointOptions.ENDPOINT_VARIABLE + ") or --region is given).")
    Source source;

    @Mixin
    DayRangeOptions days;
    @Mixin
    ContractOption contract;

    @Option(names = "--lookback-days", paramLabel = "N", defaultValue = "2",
            description = "Earlier days re-processed for late events (default: ${DEFAULT-VALUE}).")
    int lookbackDays;

    @Option(names = "--target-file-mb", paramLabel = "MB", defaultValue = "128",
            description = "Curated file size to aim for (default: ${DEFAULT-VALUE}; on Glue: the job's own unless "
                    + "given).")
    int targetFileMb;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = GlueJobNames.DEFAULT_STACK,
            description = "aws: the SAM stack whose jobs run, NAME-compaction and NAME-batch-views "
                    + "(default: ${DEFAULT-VALUE}).")
    String stack;

    @Mixin
    EndpointOptions aws;

    @Option(names = "--poll-interval", paramLabel = "DURATION", hidden = true, converter = DurationConverter.class,
            description = "aws: how often a run's state is read (default: 5s).")
    Duration pollInterval;

    @Mixin
    LakeOptions lake;

    @Option(names = "--cores", paramLabel = "N", defaultValue = "2",
            description = "local: Spark local cores (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--spark-classpath", paramLabel = "PATHS",
            description = "local: class path for the Spark JVM (default: read from glue-jobs/target/" + CLASSPATH_FILE
                    + ").")
    String sparkClasspath;

    @Option(names = "--in-process", description = "local: run Spark in this JVM (only when Spark is already on its "
            + "class path).")
    boolean inProcess;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Source chosen;
        DayRangeOptions.Days range;
        try {
            chosen = source != null ? source : aws.given() ? Source.aws : Source.local;
            rejectOtherModesOptions(chosen);
            range = days.oneDay(LocalDate.now(ZoneOffset.UTC));
            if (lookbackDays < 0 || cores < 1) { // else Spark's JVM fails with a stack trace after its start
                throw new IllegalArgumentException(lookbackDays < 0 ? "--lookback-days must not be negative, not "
                        + lookbackDays : "--cores must be at least 1, not " + cores);
            }
        } catch (IllegalArgumentException e) {
            err.println("firelake batch: " + e.getMessage());
            return 2;
        }
        return chosen == Source.aws ? onGlue(range) : locally(range);
    }

    private void rejectOtherModesOptions(Source chosen) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> misplaced = (chosen == Source.aws ? LOCAL_ONLY : AWS_ONLY).stream()
                .filter(parsed::hasMatchedOption).toList();
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", misplaced)
                    + (misplaced.size() == 1 ? " applies" : " apply") + (chosen == Source.aws
                    ? " only to --source local: the deployed jobs read the lake their stack gave them"
                    : " only to --source aws"));
        }
    }

    /** The stack's Glue jobs, compaction then views, followed to their end. */
    private int onGlue(DayRangeOptions.Days range) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> views = new LinkedHashMap<>();
        views.put("--from", range.first().toString());
        views.put("--to", range.last().toString());
        views.put("--lookback-days", String.valueOf(lookbackDays));
        Map<String, String> compaction = new LinkedHashMap<>(views);
        if (spec.commandLine().getParseResult().hasMatchedOption("--target-file-mb")) {
            compaction.put("--target-file-mb", String.valueOf(targetFileMb));
        }
        GlueBatchRun.Outcome outcome;
        try {
            GlueJobNames jobs = new GlueJobNames(stack);
            ClientSettings settings = ClientSettings.forEndpoint(aws.endpoint().orElse(null), aws.region().orElse(null));
            outcome = GlueBatchRun.run(settings, out,
                    pollInterval == null ? GlueJobRuns.DEFAULT_POLL : pollInterval, jobs, compaction, views);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("firelake batch: " + e.getMessage());
            return 2;
        }
        if (outcome instanceof GlueBatchRun.Failed failed) {
            err.println("firelake batch: " + failed.job() + " " + failed.state() + ": " + failed.errorMessage());
            failed.notStarted().forEach(job -> err.println("firelake batch: " + job + " not started (it reads what "
                    + failed.job() + " writes)"));
            return 1;
        }
        GlueBatchRun.Succeeded done = (GlueBatchRun.Succeeded) outcome;
        out.printf("done: %s for %s..%s (lookback %d days), %d s of Glue execution time%n",
                String.join(", ", done.jobs()), range.first(), range.last(), lookbackDays, done.executionSeconds());
        out.printf("next: firelake report --all --from %s --to %s (--source aws for Athena)%n", range.first(),
                range.last());
        return 0;
    }

    /** Spark in local mode, in a JVM of its own (or this one with --in-process). */
    private int locally(DayRangeOptions.Days range) throws IOException, InterruptedException {
        List<String> jobArgs;
        try {
            jobArgs = jobArguments(range);
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

    List<String> jobArguments(DayRangeOptions.Days range) {
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
