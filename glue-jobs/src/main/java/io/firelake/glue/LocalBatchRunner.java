package io.firelake.glue;

import io.firelake.glue.job.BatchJobs;
import io.firelake.glue.job.JobArguments;
import io.firelake.glue.job.SparkSettings;
import org.apache.spark.sql.SparkSession;

import java.time.Clock;

/**
 * Both jobs, compaction then views, in Spark local mode: what {@code firelake batch} starts in a JVM of its own
 * (Spark's class path must not meet the Parquet 1.17 of the rest of firelake). Takes the Glue-style arguments plus
 * {@code --cores N}.
 */
public final class LocalBatchRunner {

    private LocalBatchRunner() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    public static int run(String[] argv) {
        JobArguments args;
        try {
            args = JobArguments.parse(argv, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("firelake batch: " + e.getMessage());
            return 2;
        }
        int cores = coresArgument(argv);
        SparkSession spark = SparkSettings.local(args.jobName(), cores);
        spark.sparkContext().setLogLevel("WARN");
        try {
            BatchJobs.compact(spark, args, System.out);
            BatchJobs.views(spark, args, System.out);
            System.out.printf("next: firelake report --all --from %s --to %s%n", args.range().from(), args.range().to());
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static int coresArgument(String[] argv) {
        for (int i = 0; i + 1 < argv.length; i++) {
            if (argv[i].equals("--cores")) {
                return Integer.parseInt(argv[i + 1]);
            }
        }
        return 2;
    }
}
