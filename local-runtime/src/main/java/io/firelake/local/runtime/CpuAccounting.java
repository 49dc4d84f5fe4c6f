package io.firelake.local.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the CPU of a local run went, by component: the threads of this JVM grouped by what they run (the local
 * Firehose, the speed layer, the producer, S3Proxy), what the JVM spent outside its Java threads (the JIT compilers
 * and the garbage collector), and the child processes (kinesalite's Node.js). It answers "which part is the
 * bottleneck?" with measured CPU seconds rather than a guess.
 *
 * <p>Threads are sampled every second as well as at the end, so a thread that ends during the run (a producer's
 * sender) still counts, up to its last second.
 */
public final class CpuAccounting implements AutoCloseable {

    /** CPU seconds of one component since the accounting started. */
    public record Share(String component, double seconds) {
    }

    private static final Map<String, String> COMPONENT_BY_THREAD_PREFIX = componentsByPrefix();
    static final String FIREHOSE = "local Firehose";
    static final String SPEED_LAYER = "speed layer";
    static final String PRODUCER = "producer";
    static final String S3PROXY = "S3Proxy";
    static final String CONSOLE = "local console";
    static final String OTHER_THREADS = "other threads (DynamoDB Local, SDK clients)";
    static final String JIT_AND_GC = "JIT compilers and GC";
    static final String CHILDREN = "kinesalite (Node.js)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startCpu = new HashMap<>();
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long processStart;
    private final long childrenStart;
    private final ScheduledExecutorService sampler;

    CpuAccounting(Duration sampleEvery) {
        this.processStart = os.getProcessCpuTime();
        this.childrenStart = childrenCpuNanos();
        synchronized (this) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        startCpu.put(info.getThreadId(), cpu);
                    }
                }
            }
        }
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cpu-accounting");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, sampleEvery.toMillis(), sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts counting now. */
    public static CpuAccounting start() {
        return new CpuAccounting(Duration.ofSeconds(1));
    }

    /** The CPU seconds of each component since the start, largest first. */
    public synchronized List<Share> shares() {
        sample();
        Map<String, Double> byComponent = new HashMap<>();
        double javaThreads = 0;
        for (Map.Entry<Long, Long> thread : lastCpu.entrySet()) {
            double seconds = (thread.getValue() - startCpu.getOrDefault(thread.getKey(), 0L)) / 1e9;
            javaThreads += seconds;
            byComponent.merge(componentOf(names.get(thread.getKey())), seconds, Double::sum);
        }
        double process = (os.getProcessCpuTime() - processStart) / 1e9;
        byComponent.merge(JIT_AND_GC, Math.max(0, process - javaThreads), Double::sum);
        byComponent.merge(CHILDREN, childProcessSeconds(), Double::sum);
        List<Share> shares = new ArrayList<>();
        byComponent.forEach((component, seconds) -> shares.add(new Share(component, seconds)));
        shares.sort((a, b) -> Double.compare(b.seconds(), a.seconds()));
        return shares;
    }

    /** CPU seconds of the child processes (kinesalite's Node.js) since the start. */
    public double childProcessSeconds() {
        return (childrenCpuNanos() - childrenStart) / 1e9;
    }

    /**
     * CPU seconds of this JVM's threads since the start, by thread name with its numbers taken out
     * ({@code local-firehose-invoke-N}), largest first; groups under 50 ms are left out.
     */
    public synchronized Map<String, Double> byThreadGroup() {
        sample();
        Map<String, Double> groups = new HashMap<>();
        for (Map.Entry<Long, Long> thread : lastCpu.entrySet()) {
            double seconds = (thread.getValue() - startCpu.getOrDefault(thread.getKey(), 0L)) / 1e9;
            groups.merge(names.get(thread.getKey()).replaceAll("[0-9]+", "N"), seconds, Double::sum);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** One line: each component's CPU seconds and its share of the whole. */
    public String describe() {
        List<Share> shares = shares();
        double total = shares.stream().mapToDouble(Share::seconds).sum();
        List<String> parts = new ArrayList<>();
        for (Share share : shares) {
            if (share.seconds() >= 0.05) {
                parts.add(String.format(Locale.ROOT, "%s %.1f s (%.0f%%)", share.component(), share.seconds(),
                        100 * share.seconds() / Math.max(1e-9, total)));
            }
        }
        return String.join(", ", parts);
    }

    /** One line: each component's CPU microseconds per record. */
    public String perRecord(long records) {
        List<String> parts = new ArrayList<>();
        for (Share share : shares()) {
            if (share.seconds() >= 0.05) {
                parts.add(String.format(Locale.ROOT, "%s %.1f", share.component(), share.seconds() * 1e6 / Math.max(1, records)));
            }
        }
        return String.join(", ", parts);
    }

    /** The component a thread of this process works for, from its name. */
    static String componentOf(String threadName) {
        if (threadName == null) {
            return OTHER_THREADS;
        }
        for (Map.Entry<String, String> prefix : COMPONENT_BY_THREAD_PREFIX.entrySet()) {
            if (threadName.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return OTHER_THREADS;
    }

    private synchronized void sample() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                lastCpu.put(info.getThreadId(), cpu);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
    }

    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static Map<String, String> componentsByPrefix() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("local-firehose", FIREHOSE);
        map.put("prefetch-", FIREHOSE);
        map.put("esm-", SPEED_LAYER);
        map.put("main", PRODUCER);
        map.put("firelake-producer", PRODUCER);
        map.put("aws-java-sdk-NettyEventLoop", PRODUCER);
        map.put("sdk-async-response", PRODUCER);
        map.put("S3Proxy", S3PROXY);
        map.put("cpu-accounting", OTHER_THREADS);
        map.put("firelake-console", CONSOLE);
        return map;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
