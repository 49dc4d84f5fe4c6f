package io.firelake.benchmarks.transform;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU milliseconds per operation, by kind of thread: the benchmark thread plus the collector ({@code cpu.ms/op}, the
 * work, what "MB/s per core" divides by) and the JIT compilers ({@code jit.ms/op}, which should be near zero once
 * warm). On a machine shared with other work, wall time per operation measures the share of a core the benchmark got;
 * CPU time measures the work.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    public static final String LABEL = "cpu.ms/op";
    public static final String JIT_LABEL = "jit.ms/op";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();
    private long[] nativeBefore = {0, 0};

    @Override
    public String getDescription() {
        return "CPU time per operation: benchmark thread and GC, and the JIT compilers apart";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
        nativeBefore = gcAndJitMillis();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long work = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long now = threads.getThreadCpuTime(info.getThreadId());
                work += Math.max(0, now - before.getOrDefault(info.getThreadId(), 0L));
            }
        }
        // The collector and the compilers are JVM-internal threads the management API does not list: read them from
        // Linux's per-thread accounting (1/100 s ticks), zero elsewhere.
        long[] nativeNow = gcAndJitMillis();
        work += (nativeNow[0] - nativeBefore[0]) * 1_000_000L;
        long jit = (nativeNow[1] - nativeBefore[1]) * 1_000_000L;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult(LABEL, work / 1e6 / ops, "ms/op", AggregationPolicy.AVG),
                new ScalarResult(JIT_LABEL, jit / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }

    /** CPU milliseconds so far of the GC threads (Serial GC runs in the "VM Thread") and of the JIT compilers. */
    static long[] gcAndJitMillis() {
        long gc = 0;
        long jit = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks =
                     java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks) {
                String name = java.nio.file.Files.readString(task.resolve("comm")).trim();
                boolean isGc = name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ");
                boolean isJit = name.contains("CompilerThre");
                if (!isGc && !isJit) {
                    continue;
                }
                String stat = java.nio.file.Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                if (isGc) {
                    gc += millis;
                } else {
                    jit += millis;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
        return new long[]{gc, jit};
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }
}
