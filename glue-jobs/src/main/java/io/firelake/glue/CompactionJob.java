package io.firelake.glue;

import io.firelake.glue.job.BatchJobs;
import io.firelake.glue.job.GlueEntryPoint;

/**
 * Glue entry point of the compaction and de-duplication job:
 * {@code --JOB_NAME name --lake s3://bucket [--from D] [--to D] [--lookback-days N] [--target-file-mb N]}.
 * Plain Spark: no Glue library is needed, so the same class runs on Glue 5.0 and under spark-submit.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-scala.html">Glue Scala/JVM jobs</a>
 */
public final class CompactionJob {

    private CompactionJob() {
    }

    public static void main(String[] argv) {
        GlueEntryPoint.run("compaction", argv, (spark, args) -> BatchJobs.compact(spark, args, System.out));
    }
}
