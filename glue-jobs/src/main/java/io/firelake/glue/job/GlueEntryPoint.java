package io.firelake.glue.job;

import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What a Glue 5.0 JVM job's main does, the same for both jobs. Glue starts the job's {@code --class} with the resolved
 * arguments as {@code --NAME value} pairs (the job's DefaultArguments, overridden by the run's Arguments, overridden by
 * NonOverridableArguments, plus {@code --JOB_NAME}, {@code --JOB_ID}, {@code --JOB_RUN_ID} and others such as
 * {@code --TempDir} or {@code --job-bookmark-option}); {@link JobArguments} keeps its own and ignores the rest.
 *
 * <ul>
 *   <li><b>Success</b>: main returns (no {@code System.exit}: Glue owns the JVM and its SparkContext); the run ends
 *       SUCCEEDED.</li>
 *   <li><b>Failure</b>: main throws, the driver ends with a non-zero exit code, and Glue shows the exception's message
 *       as the run's {@code ErrorMessage} (state FAILED). Bad arguments fail before Spark starts, with one line that
 *       names the argument.</li>
 *   <li><b>Logs</b>: the driver's standard output goes to CloudWatch Logs {@code /aws-glue/jobs/output} and its error
 *       output (and Spark's log4j) to {@code /aws-glue/jobs/error}, in a stream named by the run id: the console's
 *       "Output logs" and "Error logs". One line at the start names the run, the lake and the days, the job's summary
 *       follows, and one line at the end says it succeeded and how long it took.</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job parameters</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html">Glue job run statuses</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging-view.html">Viewing Glue job logs</a>
 */
public final class GlueEntryPoint {

    private GlueEntryPoint() {
    }

    public static void run(String job, String[] argv, BiConsumer<SparkSession, JobArguments> work) {
        PrintStream out = System.out;
        JobArguments args;
        try {
            args = JobArguments.parse(argv, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("firelake " + job + ": bad arguments: " + e.getMessage());
            throw e;
        }
        Instant start = Instant.now();
        out.printf("firelake %s: run %s of %s on %s, %s%n", job, args.runId(), args.jobName(), args.lake(),
                args.incremental() ? "incremental (days with new raw files)"
                        : args.range() + " with " + args.lookbackDays() + " lookback days");
        try {
            work.accept(SparkSettings.glue(args.jobName()), args);
        } catch (RuntimeException | Error e) {
            System.err.printf("firelake %s: run %s FAILED after %d s: %s%n", job, args.runId(),
                    Duration.between(start, Instant.now()).toSeconds(), e);
            throw e;
        }
        out.printf("firelake %s: run %s SUCCEEDED in %d s%n", job, args.runId(),
                Duration.between(start, Instant.now()).toSeconds());
    }
}
