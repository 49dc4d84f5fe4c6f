package io.firelake.glue.job;

import io.firelake.events.contract.Contracts;
import io.firelake.glue.compaction.Compaction;
import io.firelake.glue.compaction.CompactionResult;
import io.firelake.glue.views.SqlViews;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Runs the batch layer's jobs for one set of arguments on a given session: the part Glue and the local runner share.
 * With {@code --from}/{@code --to} a job processes that range plus the lookback; without them it is incremental
 * ({@link IncrementalRun}): the days that received raw files since the last successful run.
 */
public final class BatchJobs {

    private BatchJobs() {
    }

    public static List<CompactionResult> compact(SparkSession spark, JobArguments args, PrintStream out) {
        return compact(spark, args, out, Clock.systemUTC());
    }

    static List<CompactionResult> compact(SparkSession spark, JobArguments args, PrintStream out, Clock clock) {
        Compaction compaction = new Compaction(spark, Contracts.selected());
        if (!args.incremental()) {
            CompactionResult result = compaction.run(args.layout(), args.range().withLookback(args.lookbackDays()),
                    args.targetFileBytes());
            out.print(result.summary(args.layout().day()));
            return List.of(result);
        }
        IncrementalRun state = state(spark, args);
        Instant started = clock.instant();
        SortedSet<LocalDate> days = state.compactionDays();
        out.println(days.isEmpty() ? "incremental: no raw file written since the last successful run"
                : "incremental: days with new raw files: " + IncrementalRun.ranges(days));
        List<CompactionResult> results = new ArrayList<>();
        for (DayRange range : IncrementalRun.ranges(days)) {
            CompactionResult result = compaction.run(args.layout(), range, args.targetFileBytes());
            out.print(result.summary(args.layout().day()));
            results.add(result);
        }
        state.compactionSucceeded(args.runId(), started, days);
        return results;
    }

    /** The process's contract's batch views ({@code views/*.sql}, Spark SQL), for the range or incrementally. */
    public static Map<String, Long> views(SparkSession spark, JobArguments args, PrintStream out) {
        if (Contracts.selected().views().isEmpty()) {
            out.printf("views: contract %s declares no batch views%n", Contracts.selected().name());
            return Map.of();
        }
        SqlViews views = new SqlViews(spark, Contracts.selected());
        List<DayRange> ranges;
        IncrementalRun state = null;
        if (args.incremental()) {
            state = state(spark, args);
            ranges = IncrementalRun.ranges(state.viewDays());
            out.println(ranges.isEmpty() ? "incremental: no day compacted since the views were last built"
                    : "incremental: days compacted since the views were last built: " + ranges);
        } else {
            ranges = List.of(args.range().withLookback(args.lookbackDays()));
        }
        Map<String, Long> written = new LinkedHashMap<>();
        for (DayRange processed : ranges) {
            views.run(args.layout(), processed).forEach((view, rows) -> {
                out.printf("views/%s %s: %d rows%n", view, processed, rows);
                written.merge(view, rows, Long::sum);
            });
        }
        if (state != null) {
            state.viewsSucceeded();
        }
        return written;
    }

    private static IncrementalRun state(SparkSession spark, JobArguments args) {
        return new IncrementalRun(new LakeFiles(spark.sparkContext().hadoopConfiguration()), args.layout());
    }
}
