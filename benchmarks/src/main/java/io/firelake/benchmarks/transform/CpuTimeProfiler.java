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

    @Override
    public String getDescription() {
        return "CPU time per operation: benchmark thread and GC, and the JIT compilers apart";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long work = 0;
        long jit = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            long delta = Math.max(0, now - before.getOrDefault(info.getThreadId(), 0L));
            String name = info.getThreadName();
            if (name.contains("CompilerThread")) {
                jit += delta;
            } else if (name.contains("jmh-worker") || name.equals("VM Thread") || name.startsWith("GC Thread")
                    || name.startsWith("G1 ")) {
                work += delta;
            }
        }
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult(LABEL, work / 1e6 / ops, "ms/op", AggregationPolicy.AVG),
                new ScalarResult(JIT_LABEL, jit / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }
}
