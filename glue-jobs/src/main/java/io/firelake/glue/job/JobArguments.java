package io.firelake.glue.job;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of a batch job, in AWS Glue's style: {@code --NAME value} pairs (or {@code --NAME=value}). Glue adds its
 * own ({@code --JOB_ID}, {@code --JOB_RUN_ID}, {@code --TempDir}, {@code --job-bookmark-option}...): they are ignored.
 *
 * <ul>
 *   <li>{@code --JOB_NAME}, {@code --JOB_RUN_ID}: Glue's job name and run id, for logs and the incremental state</li>
 *   <li>{@code --lake}: the lake root, {@code s3://bucket} on Glue or a directory locally (required)</li>
 *   <li>{@code --from}, {@code --to}: the UTC days to process, inclusive, {@code --to} defaulting to {@code --from}.
 *       Without either the run is <b>incremental</b> ({@link #incremental()}): it processes the days that received raw
 *       files since the last successful run ({@link IncrementalRun}); {@link #range()} is then yesterday</li>
 *   <li>{@code --lookback-days}: earlier days re-processed for late events (default {@value #DEFAULT_LOOKBACK_DAYS})</li>
 *   <li>{@code --target-file-mb}: curated file size to aim for (default {@value #DEFAULT_TARGET_FILE_MB})</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job parameters</a>
 */
public record JobArguments(String jobName, String runId, String lake, DayRange range, boolean incremental,
                           int lookbackDays, long targetFileBytes) {

    /** The arguments the jobs read; Glue's own and any other are ignored. */
    public static final Set<String> NAMES = Set.of("JOB_NAME", "JOB_RUN_ID", "lake", "from", "to",
            "lookback-days", "target-file-mb");

    public static final int DEFAULT_LOOKBACK_DAYS = 2;
    /** Athena and Spark read best from files of a few hundred MB; 128 MB matches a common HDFS/S3 split. */
    public static final int DEFAULT_TARGET_FILE_MB = 128;

    public static JobArguments parse(String[] args, Clock clock) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': expected --NAME value pairs");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                values.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(arg.substring(2), args[++i]);
            } else {
                values.put(arg.substring(2), "true");
            }
        }
        String lake = Optional.ofNullable(values.get("lake")).filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("--lake is required: s3://bucket on Glue, a directory locally"));
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        LocalDate from = Optional.ofNullable(values.get("from")).map(LocalDate::parse).orElse(yesterday);
        LocalDate to = Optional.ofNullable(values.get("to")).map(LocalDate::parse)
                .orElse(values.containsKey("from") ? from : yesterday);
        int lookback = Integer.parseInt(values.getOrDefault("lookback-days", String.valueOf(DEFAULT_LOOKBACK_DAYS)));
        long targetMb = Long.parseLong(values.getOrDefault("target-file-mb", String.valueOf(DEFAULT_TARGET_FILE_MB)));
        if (targetMb < 1) {
            throw new IllegalArgumentException("--target-file-mb must be at least 1");
        }
        if (lookback < 0) {
            throw new IllegalArgumentException("--lookback-days must not be negative, not " + lookback);
        }
        boolean incremental = !values.containsKey("from") && !values.containsKey("to");
        String runId = values.getOrDefault("JOB_RUN_ID", "run-" + clock.instant());
        return new JobArguments(values.getOrDefault("JOB_NAME", "firelake-batch"), runId, stripSlash(lake),
                new DayRange(from, to), incremental, lookback, targetMb << 20);
    }

    private static String stripSlash(String lake) {
        return lake.endsWith("/") ? lake.substring(0, lake.length() - 1) : lake;
    }

    public LakeLayout layout() {
        return new LakeLayout(lake);
    }
}
