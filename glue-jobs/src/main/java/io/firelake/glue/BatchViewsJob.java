package io.firelake.glue;

import io.firelake.glue.job.BatchJobs;
import io.firelake.glue.job.JobArguments;
import io.firelake.glue.job.SparkSettings;
import org.apache.spark.sql.SparkSession;

import java.time.Clock;

/**
 * Glue entry point of the batch views job (run it after {@link CompactionJob} with the same arguments):
 * {@code --JOB_NAME name --lake s3://bucket [--from D] [--to D] [--lookback-days N]}.
 */
public final class BatchViewsJob {

    private BatchViewsJob() {
    }

    public static void main(String[] argv) {
        JobArguments args = JobArguments.parse(argv, Clock.systemUTC());
        SparkSession spark = SparkSettings.glue(args.jobName());
        BatchJobs.views(spark, args, System.out);
    }
}
