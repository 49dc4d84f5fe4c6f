package io.firelake.benchmarks.transform;

import io.firelake.benchmarks.coldstart.ColdStartBenchmark;
import io.firelake.benchmarks.coldstart.launcher.WarmStreamLauncher;
import io.firelake.benchmarks.results.Results;
import io.firelake.benchmarks.workload.RealisticBatch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed transform against a Python peer (AWS's Firehose processing blueprint's shape with comparable
 * enrichment, {@code benchmarks/python/blueprint_transform.py}) in one run, on the same 1 MB batch: each contender is a
 * fresh process pinned to one core (a Lambda instance of up to 1,769 MB has at most one vCPU, so the JIT and the GC
 * compete with the handler, as here), answers a cold invocation, then warm ones back to back for a minute. The Java
 * handler runs once per JIT setting: Lambda's Java 17 default (C1 only), tiered C1+C2, and C2 only.
 */
public final class TransformPeers {

    private static final Pattern FIRST = Pattern.compile("^FIRST cpuMs=(\\d+)");
    private static final Pattern DONE = Pattern.compile("^DONE batches=(\\d+) wallMs=(\\d+) cpuMs=(\\d+) "
            + "tailBatches=(\\d+) tailWallMs=(\\d+) tailCpuMs=(\\d+)");

    /** A contender: its name and the command that starts it (before the common arguments). */
    record Contender(String name, String description, List<String> command) {
    }

    /** One contender's minute. */
    record Minute(double firstResponseMs, long firstCpuMs, long batches, long wallMs, long cpuMs, long tailBatches,
                  long tailWallMs, long tailCpuMs) {

        double megabytesPerCpuSecond(double batchMegabytes) {
            return batches * batchMegabytes / Math.max(1, cpuMs) * 1000;
        }

        double steadyMegabytesPerCpuSecond(double batchMegabytes) {
            return tailBatches * batchMegabytes / Math.max(1, tailCpuMs) * 1000;
        }

        /** CPU for the cold start and a fixed amount of work: the cold batch and {@code batches} warm ones. */
        double cpuMsPerBatchWithColdStart() {
            return (double) (firstCpuMs + cpuMs) / (batches + 1);
        }
    }

    private TransformPeers() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        String cpu = "1";
        String python = "python3";
        Path transformJar = Path.of("firehose-transform", "target", "firelake-firehose-transform.jar");
        Path launcherJar = Path.of("benchmarks", "target", "benchmarks-launcher.jar");
        Path peer = Path.of("benchmarks", "python", "run_peer.py");
        List<String> only = new ArrayList<>();
        Path writeRequest = null;
        Path baselineJar = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--cpu" -> cpu = args[++i];
                case "--python" -> python = args[++i];
                case "--only" -> only.add(args[++i]);
                case "--write-request" -> writeRequest = Path.of(args[++i]);
                case "--baseline-jar" -> baselineJar = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -cp benchmarks/target/benchmarks.jar " + TransformPeers.class.getName()
                                    + " [--seconds S] [--cpu N] [--python PYTHON] [--only NAME]... [--baseline-jar JAR]",
                            "",
                            "The deployed transform (shaded jar) against the Python peer on the same 1 MB Firehose",
                            "batch, one fresh process each, pinned to CPU N with taskset (default 1): a cold invocation,",
                            "then S seconds (default 60) of warm ones back to back. Run from the repository root.",
                            "Contenders: python, c1 (Lambda's Java 17 default), tiered (C1+C2), c2 (C2 only).",
                            "--baseline-jar JAR runs the Java contenders a second time on another build of the shaded",
                            "jar (before and after a change, in one run); --write-request FILE writes the batch's Lambda",
                            "request there and exits (for profiling).",
                            "",
                            "Example: benchmarks/transform-vs-python.sh --seconds 60"));
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        RealisticBatch batch = RealisticBatch.ofMegabytes(1);
        if (writeRequest != null) {
            Files.write(writeRequest, batch.request());
            return;
        }
        Path request = Files.createTempFile("firelake-peers-", ".json");
        request.toFile().deleteOnExit();
        Files.write(request, batch.request());
        double megabytes = batch.payloadBytes() / 1e6;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("python", "Python " + pythonVersion(python) + " peer (blueprint shape)",
                List.of(python, peer.toString())));
        contenders.addAll(javaContenders("", "", java, launcherJar + File.pathSeparator + transformJar));
        if (baselineJar != null) {
            contenders.addAll(javaContenders("-baseline", " (baseline jar)", java,
                    launcherJar + File.pathSeparator + baselineJar));
        }
        System.out.printf(Locale.ROOT, "batch: %s; %d s per contender, pinned to CPU %s; load %s%n", batch, seconds, cpu,
                ColdStartBenchmark.loadAverage());
        Map<String, Minute> minutes = new LinkedHashMap<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        String loadBefore = ColdStartBenchmark.loadAverage();
        for (Contender contender : contenders) {
            if (!only.isEmpty() && !only.contains(contender.name())) {
                continue;
            }
            Minute minute = run(contender, cpu, seconds, request);
            minutes.put(contender.name(), minute);
            System.out.printf(Locale.ROOT, "%s: %s (load %s)%n", contender.name(), minute, ColdStartBenchmark.loadAverage());
        }
        Minute py = minutes.get("python");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Batch: %s. %d s of warm invocations per contender, each a fresh process "
                + "pinned to one core, Serial GC (as the template sets). MB/s per CPU second of the whole process (JIT and GC "
                + "included).%n%n", batch, seconds));
        md.append("| contender | first response (process start) | its CPU | warm batches | MB/s, the whole minute | "
                + "MB/s, steady (last quarter) | CPU ms per batch, cold start included | x Python (minute) | x Python (steady) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contender contender : contenders) {
            Minute m = minutes.get(contender.name());
            if (m == null) {
                continue;
            }
            double minuteRate = m.megabytesPerCpuSecond(megabytes);
            double steady = m.steadyMegabytesPerCpuSecond(megabytes);
            md.append(String.format(Locale.ROOT, "| %s | %.0f ms | %d ms | %,d | %.1f | %.1f | %.1f | %s | %s |%n",
                    contender.description(), m.firstResponseMs(), m.firstCpuMs(), m.batches(), minuteRate, steady,
                    m.cpuMsPerBatchWithColdStart(),
                    py == null ? "" : String.format(Locale.ROOT, "%.1fx", minuteRate / py.megabytesPerCpuSecond(megabytes)),
                    py == null ? "" : String.format(Locale.ROOT, "%.1fx", steady / py.steadyMegabytesPerCpuSecond(megabytes))));
            figures.put(contender.name() + ".firstResponseMs", m.firstResponseMs());
            figures.put(contender.name() + ".minuteMBps", minuteRate);
            figures.put(contender.name() + ".steadyMBps", steady);
        }
        md.append(String.format(Locale.ROOT, "%nLoad average (1, 5, 15 min) before: %s, after: %s.%n", loadBefore,
                ColdStartBenchmark.loadAverage()));
        Results.fromSystemProperty().save("peers", figures, md.toString());
        System.out.println();
        System.out.println(md);
    }

    /** The deployed handler under each JIT setting worth weighing for Lambda. */
    private static List<Contender> javaContenders(String suffix, String label, String java, String classPath) {
        String launcher = WarmStreamLauncher.class.getName();
        return List.of(
                new Contender("c1" + suffix, "Java, Lambda's Java 17 default: -XX:TieredStopAtLevel=1" + label,
                        List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                                "-cp", classPath, launcher)),
                new Contender("tiered" + suffix, "Java, tiered C1+C2: -XX:TieredStopAtLevel=4" + label,
                        List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=4", "-XX:+UseSerialGC",
                                "-cp", classPath, launcher)),
                new Contender("c2" + suffix, "Java, C2 only: -XX:-TieredCompilation" + label,
                        List.of(java, "-XX:-TieredCompilation", "-XX:+UseSerialGC", "-cp", classPath, launcher)));
    }

    static Minute run(Contender contender, String cpu, int seconds, Path request) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/taskset").canExecute()) {
            command.addAll(List.of("/usr/bin/taskset", "-c", cpu));
        }
        command.addAll(contender.command());
        command.addAll(List.of("--seconds", Integer.toString(seconds), request.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // A JAVA_TOOL_OPTIONS of the caller would change what is measured.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = builder.start();
        double firstMs = -1;
        long firstCpu = -1;
        Matcher done = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher first = FIRST.matcher(line);
                if (first.find()) {
                    firstMs = (System.nanoTime() - start) / 1e6;
                    firstCpu = Long.parseLong(first.group(1));
                }
                Matcher m = DONE.matcher(line);
                if (m.find()) {
                    done = m;
                }
            }
        }
        int exit = process.waitFor();
        if (done == null || firstMs < 0 || exit != 0) {
            throw new IllegalStateException(contender.name() + " failed (exit " + exit + "): " + String.join(" ", command));
        }
        return new Minute(firstMs, firstCpu, Long.parseLong(done.group(1)), Long.parseLong(done.group(2)),
                Long.parseLong(done.group(3)), Long.parseLong(done.group(4)), Long.parseLong(done.group(5)),
                Long.parseLong(done.group(6)));
    }

    private static String pythonVersion(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import platform; print(platform.python_version())")
                    .redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return version;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
