// The Glue job script of firelake's batch layer. Glue runs JVM jobs from a Scala script: this one only hands the job
// arguments to the Java entry points in firelake-glue-jobs.jar (passed with --extra-jars). Select the job with
// --class: CompactionJob or BatchViewsJob. Arguments: --JOB_NAME, --lake s3://bucket, [--from D --to D],
// [--lookback-days N], [--target-file-mb N].

object CompactionJob {
  def main(args: Array[String]): Unit = io.firelake.glue.CompactionGlueJob.main(args)
}

object BatchViewsJob {
  def main(args: Array[String]): Unit = io.firelake.glue.BatchViewsGlueJob.main(args)
}
