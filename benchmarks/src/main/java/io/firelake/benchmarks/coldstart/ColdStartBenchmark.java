package io.firelake.benchmarks.coldstart;

import io.firelake.benchmarks.coldstart.launcher.ColdStartLauncher;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transform's cold start: a fresh JVM per run with only the deployable shaded jar and a one-class launcher on the
 * class path, timed from process start to the first response for a realistic 1 MB batch. Two JVM settings: the JVM's
 * defaults, and what Lambda's Java 17 runtime sets by default (C1 only, Serial GC).
 *
 * <p>The time is taken by this parent around the child (fork to the launcher's marker line), so it includes JVM boot;
 * the child breaks it down (JVM boot to main, handler init, first invocation).
 */
public final class ColdStartBenchmark {

    /** Issue 9: first response under 1 s here; the jar under 10 MB. */
    static final double GOAL_MILLIS = 1000;
    static final long GOAL_JAR_BYTES = 10L * 1024 * 1024;

    private static final Pattern MARKER = Pattern.compile(ColdStartLauncher.MARKER
            + " jvmToMainMs=(\\d+) initMs=([\\d.]+) firstInvokeMs=([\\d.]+) responseBytes=(\\d+) cpuMs=(-?\\d+)");

    /** A JVM setting to start the handler under. */
    record Variant(String name, String description, List<String> jvmArgs, boolean prime) {
    }

    private static final List<String> LAMBDA_JAVA17 =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static final List<Variant> VARIANTS = List.of(
            new Variant("jvm-default", "JVM defaults (tiered C1+C2, G1 or Serial by ergonomics)", List.of(), false),
            new Variant("lambda-java17", "Lambda's Java 17 defaults (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)",
                    LAMBDA_JAVA17, false),
            // Init includes the priming; the first invocation is what a SnapStart-restored instance would pay
            // (without the restore itself, which only Lambda can measure).
            new Variant("lambda-java17-primed", "Lambda's Java 17 defaults + SnapStart priming in init",
                    LAMBDA_JAVA17, true));

    /** One child run: wall time seen by the parent, and the child's own breakdown. */
    record Run(double wallMs, long jvmToMainMs, double initMs, double firstInvokeMs, long responseBytes, long cpuMs) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path transformJar = Path.of("firehose-transform", "target", "firelake-firehose-transform.jar");
        Path launcherJar = Path.of("benchmarks", "target", "benchmarks-launcher.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--transform-jar" -> transformJar = Path.of(args[++i]);
                case "--launcher-jar" -> launcherJar = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -cp benchmarks/target/benchmarks.jar " + ColdStartBenchmark.class.getName()
                                    + " [--runs N] [--transform-jar JAR] [--launcher-jar JAR]",
                            "",
                            "Starts a fresh JVM N times per JVM setting with only the shaded transform jar and the",
                            "launcher on the class path, and times process start to the first response for a 1 MB batch",
                            "of realistic events. Prints median and p90 per setting and the jar size. Run from the",
                            "repository root (the defaults are relative to it).",
                            "",
                            "  --runs N             fresh JVMs per setting (default 10)",
                            "  --transform-jar JAR  default firehose-transform/target/firelake-firehose-transform.jar",
                            "  --launcher-jar JAR   default benchmarks/target/benchmarks-launcher.jar"));
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        for (Path jar : List.of(transformJar, launcherJar)) {
            if (!Files.isRegularFile(jar)) {
                System.err.println(jar + " not found: build first with ./mvnw -q -pl benchmarks -am package -DskipTests");
                System.exit(1);
            }
        }
        RealisticBatch batch = RealisticBatch.ofMegabytes(1);
        Path request = Files.createTempFile("firelake-cold-start-", ".json");
        request.toFile().deleteOnExit();
        Files.write(request, batch.request());
        System.out.println("batch: " + batch);

        long jarBytes = Files.size(transformJar);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("jarBytes", jarBytes);
        figures.put("runs", runs);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Shaded jar: %.2f MB (%,d bytes; goal < 10 MB: %s). Batch: %s.%n%n",
                jarBytes / 1e6, jarBytes, jarBytes < GOAL_JAR_BYTES ? "met" : "MISSED", batch));
        String loadBefore = loadAverage();
        md.append("| JVM setting | runs | process start to first response, median | p90 | CPU time to first response, median | p90 | JVM boot to main | handler init | first invocation | goal (< 1 s) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Variant variant : VARIANTS) {
            runOnce(variant, transformJar, launcherJar, request); // page cache and CDS archive warm, as on a reused host
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(runOnce(variant, transformJar, launcherJar, request));
            }
            double[] wall = results.stream().mapToDouble(Run::wallMs).sorted().toArray();
            double median = percentile(wall, 50);
            double p90 = percentile(wall, 90);
            double boot = percentile(results.stream().mapToDouble(Run::jvmToMainMs).sorted().toArray(), 50);
            double init = percentile(results.stream().mapToDouble(Run::initMs).sorted().toArray(), 50);
            double invoke = percentile(results.stream().mapToDouble(Run::firstInvokeMs).sorted().toArray(), 50);
            double[] cpu = results.stream().mapToDouble(Run::cpuMs).sorted().toArray();
            figures.put(variant.name() + ".cpuMedianMs", percentile(cpu, 50));
            figures.put(variant.name() + ".cpuP90Ms", percentile(cpu, 90));
            figures.put(variant.name() + ".medianMs", median);
            figures.put(variant.name() + ".p90Ms", p90);
            figures.put(variant.name() + ".bootMs", boot);
            figures.put(variant.name() + ".initMs", init);
            figures.put(variant.name() + ".firstInvokeMs", invoke);
            figures.put(variant.name() + ".allMs", Arrays.toString(wall));
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %s |%n",
                    variant.description(), runs, median, p90, percentile(cpu, 50), percentile(cpu, 90), boot, init,
                    invoke, median < GOAL_MILLIS ? "met" : "MISSED (wall)" + (percentile(cpu, 50) < GOAL_MILLIS ? ", met in CPU time" : "")));
            System.out.printf(Locale.ROOT, "%s: %s%n", variant.name(), Arrays.toString(wall));
        }
        md.append(String.format(Locale.ROOT, "%nMedians except where p90 is said. Load average (1, 5, 15 min) before: %s, after: %s.%n",
                loadBefore, loadAverage()));
        Results.fromSystemProperty().save("coldstart", figures, md.toString());
        System.out.println();
        System.out.println(md);
    }

    static Run runOnce(Variant variant, Path transformJar, Path launcherJar, Path request)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(variant.jvmArgs());
        command.add("-cp");
        command.add(launcherJar + File.pathSeparator + transformJar);
        command.add(ColdStartLauncher.class.getName());
        if (variant.prime()) {
            command.add("--prime");
        }
        command.add(request.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // A JAVA_TOOL_OPTIONS of the caller would change what is measured.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = builder.start();
        Run run = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = MARKER.matcher(line);
                if (m.find() && run == null) {
                    double wall = (System.nanoTime() - start) / 1e6;
                    run = new Run(wall, Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
                }
            }
        }
        int exit = process.waitFor();
        if (run == null || exit != 0) {
            throw new IllegalStateException("the cold-start child failed (exit " + exit + "): " + String.join(" ", command));
        }
        return run;
    }

    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        // nearest rank: the smallest value with at least percent% of the runs at or below it
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The machine's load, to be read next to the wall times (Linux), or "unknown". */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
