package io.firelake.glue.aws;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.JobRun;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code firelake batch --source aws}: the deployed compaction job, then, only when it succeeded, the batch views job,
 * as the stack's conditional trigger chains them; each started with {@code StartJobRun} and followed to its end by
 * {@link GlueJobRuns}. What the command prints comes back as an {@link Outcome}, free of SDK types.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_JobRun.html">JobRun (ErrorMessage, ExecutionTime)</a>
 */
public final class GlueBatchRun {

    /** How the batch ended. */
    public sealed interface Outcome {
    }

    /** Every job succeeded; {@code executionSeconds} is Glue's {@code ExecutionTime}, summed. */
    public record Succeeded(List<String> jobs, int executionSeconds) implements Outcome {
    }

    /** {@code job} ended in {@code state} (FAILED, STOPPED, TIMEOUT...) with Glue's message; the later jobs did not start. */
    public record Failed(String job, String state, String errorMessage, List<String> notStarted) implements Outcome {
    }

    private final GlueJobRuns runs;
    private final String where;

    /** @param where where Glue is, for messages: the endpoint, or AWS */
    public GlueBatchRun(GlueJobRuns runs, String where) {
        this.runs = runs;
        this.where = where;
    }

    /**
     * Runs against the Glue the settings name (AWS, or an endpoint such as the local one) with a client of its own.
     *
     * @param poll how often a run is polled ({@link GlueJobRuns#DEFAULT_POLL} but in tests)
     */
    public static Outcome run(ClientSettings settings, PrintWriter progress, Duration poll, GlueJobNames jobs,
                              Map<String, String> compactionArguments, Map<String, String> viewsArguments)
            throws InterruptedException {
        String where = settings.endpoint().map(URI::toString).orElse("AWS");
        try (GlueClient glue = AwsClientFactory.of(settings).sync(GlueClient.builder(), SyncHttp.urlConnection())
                .build()) {
            GlueJobRuns runs = new GlueJobRuns(glue, progress, poll, d -> Thread.sleep(d.toMillis()));
            return new GlueBatchRun(runs, where).run(jobs, compactionArguments, viewsArguments);
        }
    }

    /**
     * Compaction with its arguments, then the views with theirs.
     *
     * @throws IllegalStateException when a job is not deployed or Glue cannot be reached, with what to do about it
     */
    public Outcome run(GlueJobNames jobs, Map<String, String> compactionArguments, Map<String, String> viewsArguments)
            throws InterruptedException {
        List<String> order = List.of(jobs.compaction(), jobs.views());
        List<Map<String, String>> arguments = List.of(compactionArguments, viewsArguments);
        int seconds = 0;
        for (int i = 0; i < order.size(); i++) {
            JobRun run = follow(order.get(i), arguments.get(i));
            seconds += run.executionTime() == null ? 0 : run.executionTime();
            if (!GlueJobRuns.succeeded(run)) {
                String message = run.errorMessage() == null || run.errorMessage().isBlank()
                        ? "Glue gave no ErrorMessage for this " + run.jobRunStateAsString() + " run"
                        : run.errorMessage();
                return new Failed(order.get(i), run.jobRunStateAsString(), message, order.subList(i + 1, order.size()));
            }
        }
        return new Succeeded(order, seconds);
    }

    private JobRun follow(String job, Map<String, String> arguments) throws InterruptedException {
        try {
            return runs.run(job, arguments);
        } catch (EntityNotFoundException e) {
            String glueSays = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new IllegalStateException("no Glue job " + job + " at " + where + " (" + glueSays + "): deploy the "
                    + "stack (firelake deploy, docs/deploy.md), or name the stack with --stack", e);
        } catch (SdkException e) {
            throw new IllegalStateException(job + " at " + where + ": " + e.getMessage(), e);
        }
    }
}
