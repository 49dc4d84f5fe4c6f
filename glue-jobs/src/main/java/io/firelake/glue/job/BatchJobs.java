package io.firelake.glue.job;

import io.firelake.events.contract.Contracts;
import io.firelake.glue.compaction.Compaction;
import io.firelake.glue.compaction.CompactionResult;
import io.firelake.glue.views.BatchViews;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.Map;

/** Runs the batch layer's jobs for one set of arguments on a given session: the part Glue and the local runner share. */
public final class BatchJobs {

    private BatchJobs() {
    }

    public static CompactionResult compact(SparkSession spark, JobArguments args, PrintStream out) {
        DayRange processed = args.range().withLookback(args.lookbackDays());
        CompactionResult result = new Compaction(spark, Contracts.selected())
                .run(args.layout(), processed, args.targetFileBytes());
        out.print(result.summary());
        return result;
    }

    /** The clickstream contract's views (BatchViews, Java on Spark); other contracts have none yet. */
    public static Map<String, Long> views(SparkSession spark, JobArguments args, PrintStream out) {
        DayRange processed = args.range().withLookback(args.lookbackDays());
        if (!Contracts.DEFAULT.equals(Contracts.selected().name())) {
            out.printf("views: contract %s declares no batch views%n", Contracts.selected().name());
            return Map.of();
        }
        Map<String, Long> written = new BatchViews(spark).run(args.layout(), processed);
        written.forEach((view, rows) -> out.printf("views/%s %s: %d rows%n", view, processed, rows));
        return written;
    }
}
