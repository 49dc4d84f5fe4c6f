package io.firelake.local.endpoint;

import io.firelake.aws.client.LocalCredentials;
import io.firelake.config.layout.DataLayout;
import io.firelake.endpoint.glue.JobRunner;
import io.firelake.glue.BatchCommand;
import io.firelake.glue.launch.SparkJvm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a Glue job of the local endpoint the way Glue 5.0 runs a JVM job: the class named by the job's {@code --class}
 * argument, with every argument Glue passes, in Spark local mode in a JVM of its own; its output goes to
 * {@code logs/glue-<job>.log}. A run fails with the exception line the job printed last, as Glue's
 * {@code ErrorMessage} shows it. Spark runs in local mode ({@link SparkJvm#localMode}), set from outside as Glue sets
 * its cluster, since the entry points build their session without a master. The arguments reach the job as Glue
 * passes them, {@code --lake s3://bucket} included: the job reads and writes the lake through Hadoop's S3A against the
 * local S3 ({@link SparkJvm#s3a}), where Glue would use its own S3 connector.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html">Glue job parameters</a>
 */
public final class LocalGlueJobRunner implements JobRunner {

    /** Spark's local threads for a job run: Glue's G.1X worker has 4 vCPUs, a laptop shares its cores. */
    static final int SPARK_CORES = 2;

    private final DataLayout layout;
    private final URI s3;

    /** @param s3 the S3 endpoint the jobs read and write the lake through (the local engines' S3Proxy) */
    public LocalGlueJobRunner(DataLayout layout, URI s3) {
        this.layout = layout;
        this.s3 = s3;
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
                argv.add(value);
            }
        });
        try {
            Files.createDirectories(layout.logsDir());
            try (OutputStream file = Files.newOutputStream(layout.logFile("glue-" + jobName),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                log.println("--- run " + arguments.get("--JOB_RUN_ID") + " of " + jobName + ": " + mainClass + " "
                        + argv);
                Map<String, String> spark = new LinkedHashMap<>(SparkJvm.localMode(SPARK_CORES));
                spark.putAll(SparkJvm.s3a(s3, LocalCredentials.ACCESS_KEY_ID, LocalCredentials.SECRET_ACCESS_KEY));
                SparkJvm.Exit exit = SparkJvm.run(BatchCommand.locateClasspath(), mainClass, spark, argv, log, log);
                return exit.succeeded() ? null : exit.reason();
            }
        } catch (IOException | IllegalStateException e) {
            return "The job could not start: " + e.getMessage();
        }
    }
}
