package io.firelake.glue.aws;

import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Starts a deployed Glue job ({@code StartJobRun}) and follows it ({@code GetJobRun}) to the end, printing one progress
 * line per state change and about every half minute while it runs, as {@code firelake batch --source aws} shows it.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_StartJobRun.html">StartJobRun</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html">Glue job run states</a>
 */
public final class GlueJobRuns {

    /** How often a run is polled; Glue runs take minutes, and GetJobRun is throttled per account. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Set<JobRunState> FINAL = Set.of(JobRunState.SUCCEEDED, JobRunState.FAILED,
            JobRunState.STOPPED, JobRunState.TIMEOUT, JobRunState.ERROR, JobRunState.EXPIRED);

    /** Waits between polls; a test passes a shorter one. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GlueClient glue;
    private final PrintWriter progress;
    private final Duration poll;
    private final Sleeper sleeper;

    public GlueJobRuns(GlueClient glue, PrintWriter progress, Duration poll, Sleeper sleeper) {
        this.glue = glue;
        this.progress = progress;
        this.poll = poll;
        this.sleeper = sleeper;
    }

    /** Runs the job with these run arguments (added to its defaults) and answers the run as it ended. */
    public JobRun run(String jobName, Map<String, String> arguments) throws InterruptedException {
        String id = glue.startJobRun(b -> b.jobName(jobName).arguments(arguments)).jobRunId();
        progress.println(jobName + ": started run " + id);
        progress.flush();
        JobRunState last = null;
        long sinceLine = System.nanoTime();
        while (true) {
            JobRun run = glue.getJobRun(b -> b.jobName(jobName).runId(id)).jobRun();
            boolean changed = run.jobRunState() != last;
            if (changed || System.nanoTime() - sinceLine >= HEARTBEAT.toNanos()) {
                progress.println(jobName + ": " + run.jobRunStateAsString() + " after "
                        + (run.executionTime() == null ? 0 : run.executionTime()) + " s");
                progress.flush();
                sinceLine = System.nanoTime();
                last = run.jobRunState();
            }
            if (FINAL.contains(run.jobRunState())) {
                return run;
            }
            sleeper.sleep(poll);
        }
    }

    public static boolean succeeded(JobRun run) {
        return run.jobRunState() == JobRunState.SUCCEEDED;
    }
}
