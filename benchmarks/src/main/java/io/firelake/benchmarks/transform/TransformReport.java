package io.firelake.benchmarks.transform;

import io.firelake.benchmarks.results.Results;
import io.firelake.benchmarks.workload.RealisticBatch;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link TransformBenchmark} and reads its times as MB/s of Firehose input (record bytes before base64) per core,
 * each path next to its no-enrichment limit measured in the same run.
 */
public final class TransformReport {

    /** Issue 9: at least 50 MB/s per core, and at least a third of the limit. */
    static final double GOAL_MEGABYTES_PER_SECOND = 50;
    static final double GOAL_SHARE_OF_LIMIT = 1.0 / 3;

    private TransformReport() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        String profiler = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--profile" -> profiler = args[++i];
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -cp benchmarks/target/benchmarks.jar " + TransformReport.class.getName()
                                    + " [--quick] [--profile stack|gc|jfr]",
                            "",
                            "Runs the transform JMH benchmarks (1 MB and 3 MB batches; core, wire, and their",
                            "no-enrichment limits) and prints MB/s of Firehose input per core. Figures are saved under",
                            "benchmarks/target/results/ for the cost model.",
                            "",
                            "  --quick           fewer, shorter iterations (a smoke run, not a measurement)",
                            "  --profile NAME    add a JMH profiler: stack (hot methods), gc (allocation), jfr"));
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        // Pass 1: the JVM's default JIT (C1 then C2), every path. Pass 2: the wire path of a 1 MB batch as Lambda's Java 17
        // runtime runs it by default, C1 only (-XX:TieredStopAtLevel=1), which starts faster and runs slower.
        Map<String, Double> millis = new HashMap<>();
        Map<String, Double> errors = new HashMap<>();
        Map<String, Double> wallMillis = new HashMap<>();
        run(TransformBenchmark.class.getName() + "\\.", List.of(), "", quick, profiler, millis, errors, wallMillis);
        run(TransformBenchmark.class.getName() + "\\.wire", List.of(LAMBDA_JIT), "C1", quick, profiler, millis, errors,
                wallMillis);

        Map<String, Object> figures = new LinkedHashMap<>();
        StringBuilder outcomes = new StringBuilder("\n| batch | request | response | Ok | Dropped | ProcessingFailed (bad input) | ProcessingFailed RESPONSE_TOO_LARGE |\n|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder md = new StringBuilder();
        md.append("| batch | path | CPU ms per batch | wall ms per batch | MB/s per core | limit MB/s per core | share of limit | goal (>= 50 MB/s, >= 1/3) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (String size : new String[]{"1", "2", "3"}) {
            if (!millis.containsKey("core@" + size) && !millis.containsKey("wire@" + size)) {
                continue;
            }
            RealisticBatch batch = RealisticBatch.ofMegabytes(Double.parseDouble(size));
            figures.put("batch." + size + ".records", batch.records());
            figures.put("batch." + size + ".payloadBytes", batch.payloadBytes());
            figures.put("batch." + size + ".requestBytes", batch.request().length);
            figures.put("batch." + size + ".faulty", batch.faulty());
            outcomes.append(outcome(size, batch, figures));
            for (String path : new String[]{"core", "wire", "wireC1"}) {
                Double ms = millis.get(path + "@" + size);
                String limitPath = path.equals("wireC1") ? "wireLimitC1" : path + "Limit";
                Double limitMs = millis.get(limitPath + "@" + size);
                if (ms == null || limitMs == null) {
                    continue;
                }
                double mbps = batch.payloadMegabytes() / (ms / 1000);
                double limitMbps = batch.payloadMegabytes() / (limitMs / 1000);
                double share = mbps / limitMbps;
                boolean met = mbps >= GOAL_MEGABYTES_PER_SECOND && share >= GOAL_SHARE_OF_LIMIT;
                figures.put(path + "." + size + ".ms", ms);
                figures.put(path + "." + size + ".wallMs", wallMillis.get(path + "@" + size));
                figures.put(limitPath + "." + size + ".wallMs", wallMillis.get(limitPath + "@" + size));
                figures.put(path + "." + size + ".msError", errors.get(path + "@" + size));
                figures.put(path + "." + size + ".mbps", mbps);
                figures.put(limitPath + "." + size + ".ms", limitMs);
                figures.put(limitPath + "." + size + ".mbps", limitMbps);
                figures.put(path + "." + size + ".shareOfLimit", share);
                md.append(String.format(Locale.ROOT, "| %s MB (%,d records) | %s | %.1f ± %.1f | %.1f | %.1f | %.1f | %.2f | %s |%n",
                        size, batch.records(), label(path), ms, errors.get(path + "@" + size), wallMillis.get(path + "@" + size),
                        mbps, limitMbps, share,
                        met ? "met" : "MISSED"));
            }
        }
        md.append(outcomes);
        Results.fromSystemProperty().save("transform", figures, md.toString());
        System.out.println();
        System.out.println(md);
    }

    /** Lambda's Java 17 and 21 runtimes stop tiered compilation at level 1 unless JAVA_TOOL_OPTIONS says otherwise. */
    static final String LAMBDA_JIT = "-XX:TieredStopAtLevel=1";

    private static String label(String path) {
        return switch (path) {
            case "core" -> "core (pure)";
            case "wire" -> "wire (RequestStreamHandler)";
            case "wireC1" -> "wire, C1 only (Lambda's default JIT)";
            default -> path;
        };
    }

    private static void run(String include, List<String> jvmArgs, String suffix, boolean quick, String profiler,
                            Map<String, Double> millis, Map<String, Double> errors, Map<String, Double> wallMillis)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(CpuTimeProfiler.class)
                .shouldFailOnError(true);
        if (!suffix.isEmpty()) {
            options.param("batchMegabytes", "1"); // the cost model's figure; the JIT's effect does not depend on size
        }
        if (!jvmArgs.isEmpty()) {
            List<String> all = new ArrayList<>(BENCHMARK_JVM_ARGS);
            all.addAll(jvmArgs);
            options.jvmArgsAppend(all.toArray(String[]::new));
        }
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        if (profiler != null) {
            options.addProfiler(profiler);
        }
        // CPU time, not wall time, per batch: the machine is shared, and MB/s per core is work per CPU second.
        for (RunResult result : new Runner(options.build()).run()) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String key = method + suffix + "@" + result.getParams().getParam("batchMegabytes");
            Result<?> cpu = result.getSecondaryResults().get(CpuTimeProfiler.LABEL);
            millis.put(key, cpu.getScore());
            errors.put(key, cpu.getScoreError());
            wallMillis.put(key, result.getPrimaryResult().getScore());
        }
    }

    /** The fork arguments of {@link TransformBenchmark}, repeated here because jvmArgsAppend in the options replaces them. */
    static final List<String> BENCHMARK_JVM_ARGS = List.of("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g");

    /** What the handler answers for the batch: the response size and the outcome of every record. */
    static String outcome(String size, RealisticBatch batch, Map<String, Object> figures) {
        try {
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
            new io.firelake.transform.FirehoseTransformHandler().handleRequest(
                    new java.io.ByteArrayInputStream(batch.request()), response, new QuietContext());
            List<io.firelake.transform.core.InputRecord> records =
                    new io.firelake.transform.firehose.FirehoseEventReader().read(batch.request()).records();
            int ok = 0;
            int dropped = 0;
            int failed = 0;
            int tooLarge = 0;
            for (io.firelake.transform.core.TransformResult result : TransformBenchmark.core(io.firelake.events.EventContract.clickstream()).apply(records)) {
                if (result instanceof io.firelake.transform.core.TransformResult.Ok) {
                    ok++;
                } else if (result instanceof io.firelake.transform.core.TransformResult.Dropped) {
                    dropped++;
                } else if (result instanceof io.firelake.transform.core.TransformResult.ProcessingFailed pf
                        && pf.failure().code() == io.firelake.transform.validate.ReasonCode.RESPONSE_TOO_LARGE) {
                    tooLarge++;
                } else {
                    failed++;
                }
            }
            figures.put("batch." + size + ".responseBytes", response.size());
            figures.put("batch." + size + ".responseTooLarge", tooLarge);
            return String.format(Locale.ROOT, "| %s MB | %.2f MB | %.2f MB | %,d | %,d | %,d | %,d |%n", size,
                    batch.request().length / 1e6, response.size() / 1e6, ok, dropped, failed, tooLarge);
        } catch (java.io.IOException | io.firelake.transform.firehose.MalformedEventException e) {
            throw new IllegalStateException(e);
        }
    }
}
