package io.firelake.glue.launch;

import io.firelake.events.contract.Contracts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a Spark main class in a JVM of its own, on the class path {@code glue-jobs} writes at package time, with the
 * {@code --add-opens} flags Spark needs on Java 17 and Spark's logging quieted to warnings. The caller's JVM has
 * Parquet 1.17 on its class path, which Spark 3.5 cannot share: Spark never runs in it.
 */
public final class SparkJvm {

    /** The module list Spark itself passes on Java 17 (spark-launcher's JavaModuleOptions). */
    public static final List<String> SPARK_JAVA_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");
    /** Lines of the JVM's error output kept to explain a failure. */
    static final int TAIL_LINES = 200;
    private static final String LOG_CONFIG = """
            rootLogger.level = warn
            rootLogger.appenderRef.stderr.ref = stderr
            appender.stderr.type = Console
            appender.stderr.name = stderr
            appender.stderr.target = SYSTEM_ERR
            appender.stderr.layout.type = PatternLayout
            appender.stderr.layout.pattern = spark %p %c{1}: %m%n
            logger.parquet.name = org.apache.parquet
            logger.parquet.level = error
            logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader
            logger.nativecode.level = error
            logger.plans.name = org.apache.spark.sql.catalyst.util.SparkStringUtils
            logger.plans.level = error
            """;

    /** How a run ended: the exit code and the last lines it wrote to its error output. */
    public record Exit(int code, List<String> errorTail) {
        public boolean succeeded() {
            return code == 0;
        }

        /** The line that says why, as Glue shows a failed run's error: the last exception line, else the last line. */
        public String reason() {
            for (int i = errorTail.size() - 1; i >= 0; i--) {
                String line = errorTail.get(i).strip();
                if (line.startsWith("Exception in thread") || line.matches("^[a-zA-Z.$]+(Exception|Error)(: .*)?$")) {
                    return line;
                }
            }
            return errorTail.isEmpty() ? "exit code " + code : errorTail.get(errorTail.size() - 1).strip();
        }
    }

    private SparkJvm() {
    }

    /**
     * Spark local mode on this machine: the master, resources and network settings Glue's environment gives a job's
     * session on AWS, here local threads on loopback without the web UI, and shuffles sized for small local data.
     */
    public static Map<String, String> localMode(int cores) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.master", "local[" + cores + "]");
        settings.put("spark.ui.enabled", "false");
        settings.put("spark.driver.host", "127.0.0.1");
        settings.put("spark.driver.bindAddress", "127.0.0.1");
        settings.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores * 2)));
        settings.put("spark.sql.adaptive.enabled", "true");
        return settings;
    }

    /**
     * Hadoop's S3A behind {@code s3://} and {@code s3a://}, against an S3 endpoint of this machine (S3Proxy, or the local
     * AWS endpoint that forwards to it): where Glue reads {@code s3://} with its own connector, a local run reads and
     * writes the same URIs through the S3 API. Path-style addressing, as one host serves every bucket.
     *
     * @see <a href="https://hadoop.apache.org/docs/r3.3.4/hadoop-aws/tools/hadoop-aws/index.html">Hadoop-AWS (S3A)</a>
     */
    public static Map<String, String> s3a(URI endpoint, String accessKey, String secretKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        settings.put("spark.hadoop.fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
        settings.put("spark.hadoop.fs.s3a.endpoint", endpoint.toString());
        settings.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        settings.put("spark.hadoop.fs.s3a.path.style.access", "true");
        settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(endpoint.getScheme())));
        settings.put("spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        settings.put("spark.hadoop.fs.s3a.access.key", accessKey);
        settings.put("spark.hadoop.fs.s3a.secret.key", secretKey);
        return settings;
    }

    /**
     * Runs {@code mainClass} with {@code arguments}; its output goes to {@code out} and {@code err} as it comes.
     * Interrupting the calling thread stops the JVM.
     */
    public static Exit run(String classpath, String mainClass, List<String> arguments, PrintStream out,
                           PrintStream err) throws IOException, InterruptedException {
        return run(classpath, mainClass, Map.of(), arguments, out, err);
    }

    /**
     * As {@link #run(String, String, List, PrintStream, PrintStream)}, with Spark settings as system properties, which
     * every session the program builds reads (a Glue entry point builds its session without a master, as Glue sets it).
     */
    public static Exit run(String classpath, String mainClass, Map<String, String> sparkSettings,
                           List<String> arguments, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Path logConfig = Files.createTempFile("firelake-spark-log4j2", ".properties");
        try {
            Files.writeString(logConfig, LOG_CONFIG);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx2g");
            command.addAll(SPARK_JAVA_OPTIONS);
            sparkSettings.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.add("-Dlog4j2.configurationFile=" + logConfig.toUri());
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            Contracts.passTo(builder.environment());
            // Spark binds its driver to loopback (SparkSettings) but still probes the host name unless told.
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process process = builder.start();
            Deque<String> tail = new ArrayDeque<>();
            Thread errors = new Thread(() -> copy(process, true, err, tail), "spark-stderr");
            Thread output = new Thread(() -> copy(process, false, out, null), "spark-stdout");
            errors.start();
            output.start();
            try {
                int code = process.waitFor();
                errors.join();
                output.join();
                synchronized (tail) {
                    return new Exit(code, List.copyOf(tail));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
        } finally {
            Files.deleteIfExists(logConfig);
        }
    }

    private static void copy(Process process, boolean errorStream, PrintStream to, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                errorStream ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                to.println(line);
                if (tail != null) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended: nothing more to copy
        }
    }
}
