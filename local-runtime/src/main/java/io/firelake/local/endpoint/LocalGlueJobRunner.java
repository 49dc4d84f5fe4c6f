package io.firelake.local.endpoint;

import io.firelake.config.layout.DataLayout;
import io.firelake.endpoint.glue.JobRunner;
import io.firelake.glue.BatchCommand;
import io.firelake.glue.launch.SparkJvm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a Glue job of the local endpoint the way Glue 5.0 runs a JVM job: the class named by the job's {@code --class}
 * argument, with every argument Glue passes, in Spark local mode in a JVM of its own; its output goes to
 * {@code logs/glue-<job>.log}. A run fails with the exception line the job printed last, as Glue's
 * {@code ErrorMessage} shows it. Spark runs in local mode ({@link SparkJvm#localMode}), set from outside as Glue sets
 * its cluster, since the entry points build their session without a master. The lake ({@code --lake s3://bucket}) is
 * read from the files S3Proxy keeps under the data directory.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job parameters</a>
 */
public final class LocalGlueJobRunner implements JobRunner {

    /** Spark's local threads for a job run: Glue's G.1X worker has 4 vCPUs, a laptop shares its cores. */
    static final int SPARK_CORES = 2;

    private final DataLayout layout;

    public LocalGlueJobRunner(DataLayout layout) {
        this.layout = layout;
    }

    @Override
    public String run(String jobName, String scriptLocation, Map<String, String> arguments)
            throws InterruptedException {
        String mainClass = arguments.get("--class");
        if (mainClass == null || mainClass.isBlank()) {
            return "The job has no --class argument: the local Glue runs JVM jobs (Glue's --class and --extra-jars)";
        }
        List<String> argv = new ArrayList<>();
        arguments.forEach((name, value) -> {
            if (!name.equals("--class")) {
                argv.add(name);
                argv.add(name.equals("--lake") ? localLake(value) : value);
            }
        });
        try {
            Files.createDirectories(layout.logsDir());
            try (OutputStream file = Files.newOutputStream(layout.logFile("glue-" + jobName),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                log.println("--- run " + arguments.get("--JOB_RUN_ID") + " of " + jobName + ": " + mainClass + " "
                        + argv);
                SparkJvm.Exit exit = SparkJvm.run(BatchCommand.locateClasspath(), mainClass,
                        SparkJvm.localMode(SPARK_CORES), argv, log, log);
                return exit.succeeded() ? null : exit.reason();
            }
        } catch (IOException | IllegalStateException e) {
            return "The job could not start: " + e.getMessage();
        }
    }

    /** {@code s3://bucket[/prefix]} as the directory S3Proxy keeps it in; anything else as it is. */
    String localLake(String lake) {
        if (!lake.startsWith("s3://")) {
            return lake;
        }
        String rest = lake.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        return layout.withBucket(bucket).lakeDir().resolve(prefix).toString();
    }
}
