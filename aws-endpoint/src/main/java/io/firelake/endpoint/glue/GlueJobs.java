package io.firelake.endpoint.glue;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Glue jobs and their runs: definitions kept in the data directory, runs started on a thread each through a
 * {@link JobRunner}, with Glue's run states (STARTING, RUNNING, then SUCCEEDED, FAILED with {@code ErrorMessage},
 * STOPPING/STOPPED, TIMEOUT), {@code ExecutionTime} in seconds and the {@code MaxConcurrentRuns} limit. A run still
 * going after its {@code Timeout} (the run's, else the job's, else 2,880 minutes) is stopped and ends in TIMEOUT.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/aws-glue-api-jobs-runs.html">Glue job runs API</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job arguments</a>
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html">Glue job run statuses</a>
 */
public final class GlueJobs implements AutoCloseable {

    /** A run's default timeout: 2,880 minutes (48 hours), as Glue's. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 2_880;
    /** The {@code ErrorMessage} of a run that ran past its timeout, in the words of Glue's job state change event. */
    static final String TIMED_OUT = "Job run timed out";
    private static final SecureRandom IDS = new SecureRandom();

    private final JsonFileStore store;
    private final Clock clock;
    private final JobRunner runner;
    private final List<Job> jobs;
    private final List<JobRun> runs;
    private final Duration minute;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "glue-job-timeout");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glue-job-run");
        t.setDaemon(true);
        return t;
    });

    public GlueJobs(JsonFileStore store, Clock clock, JobRunner runner) {
        this(store, clock, runner, Duration.ofMinutes(1));
    }

    /**
     * For tests only: {@code minute} is how long one minute of a run's {@code Timeout} lasts, so that a test sees a
     * run of {@code Timeout} 1 (the API's least) time out without waiting a minute. Clients see the same values.
     */
    public GlueJobs(JsonFileStore store, Clock clock, JobRunner runner, Duration minute) {
        this.store = store;
        this.clock = clock;
        this.runner = runner;
        this.minute = minute;
        this.jobs = new CopyOnWriteArrayList<>(store.load("jobs", Job::builder));
        this.runs = new CopyOnWriteArrayList<>(store.load("job-runs", JobRun::builder));
        abandonUnfinished();
    }

    public synchronized String createJob(CreateJobRequest request) {
        if (find(request.name()).isPresent()) {
            throw AwsServiceException.of("IdempotentParameterMismatchException",
                    "Job " + request.name() + " already exists with other parameters.");
        }
        Instant now = clock.instant();
        jobs.add(Job.builder().name(request.name()).description(request.description()).role(request.role())
                .command(request.command()).defaultArguments(request.defaultArguments())
                .nonOverridableArguments(request.nonOverridableArguments()).executionProperty(request.executionProperty())
                .maxRetries(request.maxRetries()).timeout(request.timeout() == null ? DEFAULT_TIMEOUT_MINUTES
                        : request.timeout()).glueVersion(request.glueVersion()).workerType(request.workerTypeAsString())
                .numberOfWorkers(request.numberOfWorkers()).createdOn(now).lastModifiedOn(now).build());
        store.save("jobs", jobs);
        return request.name();
    }

    public Job job(String name) {
        return find(name).orElseThrow(() -> GlueCatalog.notFound("Job with name: " + name + " not found"));
    }

    public List<Job> jobs() {
        return jobs.stream().sorted(Comparator.comparing(Job::name)).toList();
    }

    public synchronized void deleteJob(String name) {
        find(name).ifPresent(jobs::remove);
        store.save("jobs", jobs);
    }

    /** @param timeout the run's own {@code Timeout} in minutes, or null for the job's */
    public synchronized String start(String jobName, Map<String, String> runArguments, Integer timeout) {
        Job job = job(jobName);
        int limit = job.executionProperty() == null || job.executionProperty().maxConcurrentRuns() == null
                ? 1 : job.executionProperty().maxConcurrentRuns();
        long active = runs.stream().filter(r -> r.jobName().equals(jobName) && !finished(r.jobRunState())).count();
        if (active >= limit) {
            throw AwsServiceException.of("ConcurrentRunsExceededException",
                    "Concurrent runs exceeded for " + jobName + ": " + active + " of " + limit + " running");
        }
        String id = "jr_" + HexFormat.of().formatHex(IDS.generateSeed(32));
        Map<String, String> arguments = new LinkedHashMap<>(job.defaultArguments());
        arguments.putAll(runArguments);
        arguments.putAll(job.nonOverridableArguments());
        arguments.put("--JOB_NAME", jobName);
        arguments.put("--JOB_ID", "j_" + Integer.toHexString(jobName.hashCode()));
        arguments.put("--JOB_RUN_ID", id);
        Instant now = clock.instant();
        JobRun run = JobRun.builder().id(id).attempt(0).jobName(jobName).startedOn(now).lastModifiedOn(now)
                .jobRunState(JobRunState.STARTING).arguments(runArguments).executionTime(0)
                .timeout(timeout != null ? timeout : job.timeout() != null ? job.timeout() : DEFAULT_TIMEOUT_MINUTES)
                .glueVersion(job.glueVersion()).build();
        runs.add(run);
        store.save("job-runs", runs);
        String script = job.command() == null ? null : job.command().scriptLocation();
        running.put(id, threads.submit(() -> execute(run, script, arguments)));
        watchdog.schedule(() -> timeOut(id), minute.multipliedBy(run.timeout()).toNanos(), TimeUnit.NANOSECONDS);
        return id;
    }

    private void execute(JobRun run, String script, Map<String, String> arguments) {
        update(run.id(), JobRunState.RUNNING, null);
        JobRunState end;
        String error;
        try {
            error = runner.run(run.jobName(), script, arguments);
            end = error == null ? JobRunState.SUCCEEDED : JobRunState.FAILED;
        } catch (InterruptedException e) {
            error = null;
            end = JobRunState.STOPPED;
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            end = JobRunState.FAILED;
        } finally {
            running.remove(run.id());
        }
        if (timedOut.remove(run.id())) {
            error = TIMED_OUT;
            end = JobRunState.TIMEOUT;
        }
        update(run.id(), end, error);
    }

    /** The run's timeout passed: its program is stopped (the Spark JVM ends) and the run ends in TIMEOUT. */
    private void timeOut(String runId) {
        Future<?> future = running.get(runId);
        if (future != null) {
            timedOut.add(runId);
            future.cancel(true);
        }
    }

    /** Asks a run to stop; answers why not, or null. */
    public String stop(String jobName, String runId) {
        Optional<JobRun> run = runs.stream().filter(r -> r.id().equals(runId) && r.jobName().equals(jobName))
                .findFirst();
        if (run.isEmpty()) {
            return "EntityNotFoundException:Job run " + runId + " of " + jobName + " not found";
        }
        if (finished(run.get().jobRunState())) {
            return "InvalidInputException:Job run " + runId + " is already " + run.get().jobRunStateAsString();
        }
        update(runId, JobRunState.STOPPING, null);
        Future<?> future = running.get(runId);
        if (future != null) {
            future.cancel(true);
        }
        return null;
    }

    public JobRun run(String jobName, String runId) {
        return runs.stream().filter(r -> r.id().equals(runId) && r.jobName().equals(jobName)).findFirst()
                .orElseThrow(() -> GlueCatalog.notFound("Job run " + runId + " of " + jobName + " not found"));
    }

    /** The job's runs, newest first. */
    public List<JobRun> runs(String jobName) {
        job(jobName);
        return runs.stream().filter(r -> r.jobName().equals(jobName))
                .sorted(Comparator.comparing(JobRun::startedOn).reversed()).toList();
    }

    private synchronized void update(String runId, JobRunState state, String error) {
        for (int i = 0; i < runs.size(); i++) {
            JobRun r = runs.get(i);
            if (r.id().equals(runId)) {
                if (r.jobRunState() == JobRunState.STOPPING && state == JobRunState.RUNNING) {
                    return;
                }
                Instant now = clock.instant();
                JobRun.Builder b = r.toBuilder().jobRunState(state).lastModifiedOn(now)
                        .executionTime((int) Duration.between(r.startedOn(), now).toSeconds());
                if (finished(state)) {
                    b.completedOn(now).errorMessage(error);
                }
                runs.set(i, b.build());
                store.save("job-runs", runs);
                return;
            }
        }
    }

    /** Runs that were going when the endpoint last stopped cannot be followed any more: say so, do not pretend. */
    private void abandonUnfinished() {
        for (JobRun r : List.copyOf(runs)) {
            if (!finished(r.jobRunState())) {
                update(r.id(), JobRunState.FAILED, "The local endpoint stopped while this run was "
                        + r.jobRunStateAsString() + "; start the job again");
            }
        }
    }

    private Optional<Job> find(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    static boolean finished(JobRunState state) {
        return state == JobRunState.SUCCEEDED || state == JobRunState.FAILED || state == JobRunState.STOPPED
                || state == JobRunState.TIMEOUT || state == JobRunState.ERROR || state == JobRunState.EXPIRED;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        threads.shutdownNow();
    }
}
