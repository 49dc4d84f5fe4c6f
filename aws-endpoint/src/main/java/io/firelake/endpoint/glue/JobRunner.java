package io.firelake.endpoint.glue;

import java.util.Map;

/**
 * Runs a Glue job's program locally, as Glue would run it: with the job's command and the arguments Glue passes
 * ({@code --JOB_NAME}, {@code --JOB_RUN_ID}, {@code --TempDir}, the job's defaults and the run's own). Blocks until the
 * program ends; an interrupt asks it to stop.
 */
@FunctionalInterface
public interface JobRunner {

    /** @return null when the run succeeded, else the error message Glue shows in {@code JobRun.ErrorMessage} */
    String run(String jobName, String scriptLocation, Map<String, String> arguments) throws InterruptedException;
}
