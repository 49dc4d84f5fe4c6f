package io.firelake.glue;

import io.firelake.glue.job.BatchJobs;
import io.firelake.glue.job.GlueEntryPoint;

/**
 * Glue entry point of the batch views job (run it after {@link CompactionJob} with the same arguments):
 * {@code --JOB_NAME name --lake s3://bucket [--from D] [--to D] [--lookback-days N]}.
 */
public final class BatchViewsJob {

    private BatchViewsJob() {
    }

    public static void main(String[] argv) {
        GlueEntryPoint.run("views", argv, (spark, args) -> BatchJobs.views(spark, args, System.out));
    }
}
