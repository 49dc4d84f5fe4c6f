// The Glue job script of firelake's batch layer. Glue runs JVM jobs as Scala jobs and requires a script, but the
// entry point is the --class argument: io.firelake.glue.CompactionJob or io.firelake.glue.BatchViewsJob, Java classes
// in firelake-glue-jobs.jar (passed with --extra-jars). See docs/batch-layer.md and docs/deploy.md.
