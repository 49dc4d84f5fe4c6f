package io.firelake.benchmarks.transform;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * CPU milliseconds the benchmark JVM spent per operation (all its threads: the benchmark thread, the collector, the
 * compiler). On a machine shared with other work, wall time per operation measures the share of a core the benchmark
 * got; CPU time per operation measures the work, which is what "MB/s per core" asks for.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    public static final String LABEL = "cpu.ms/op";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startCpuNanos;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpuNanos = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - startCpuNanos;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult(LABEL, cpuNanos / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
