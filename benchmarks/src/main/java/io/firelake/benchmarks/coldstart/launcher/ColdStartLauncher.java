package io.firelake.benchmarks.coldstart.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the cold-start benchmark: what the Lambda Java runtime does on a cold invocation, with nothing else
 * on the class path than this class and the deployable shaded jar. It loads the handler class by name, constructs it
 * (the function's init phase; with {@code --prime} also the SnapStart priming hook, as before a snapshot), invokes {@code handleRequest} once on the request file, and prints one line of phase
 * times measured from the JVM's own start: {@code COLD-START jvmToMainMs=.. initMs=.. firstInvokeMs=.. responseBytes=..}.
 *
 * <p>No firelake or Lambda types at compile time: the handler is reached through reflection exactly as the runtime
 * reaches it, so the launcher cannot pull classes onto the class path that the shaded jar lacks.
 */
public final class ColdStartLauncher {

    public static final String HANDLER = "io.firelake.transform.FirehoseTransformHandler";
    public static final String MARKER = "COLD-START";

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        boolean prime = args.length == 2 && args[0].equals("--prime");
        if (args.length != 1 && !prime) {
            System.err.println("usage: java -cp benchmarks-launcher.jar:firelake-firehose-transform.jar "
                    + ColdStartLauncher.class.getName() + " [--prime] REQUEST.json");
            System.exit(2);
        }
        byte[] request = Files.readAllBytes(Path.of(args[args.length - 1]));
        // The failure log of a realistic batch goes to stderr, as it would go to CloudWatch; keep stdout for the marker.
        PrintStream stdout = System.out;

        long initStart = System.nanoTime();
        Class<?> handlerClass = Class.forName(HANDLER);
        Object handler = handlerClass.getConstructor().newInstance();
        Class<?> contextClass = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        Method handleRequest = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, contextClass);
        if (prime) {
            // What SnapStart runs before it takes the snapshot: the handler's CRaC beforeCheckpoint hook.
            Class<?> cracContext = Class.forName("org.crac.Context");
            handlerClass.getMethod("beforeCheckpoint", cracContext).invoke(handler, (Object) null);
        }
        long initEnd = System.nanoTime();

        ByteArrayOutputStream response = new ByteArrayOutputStream(request.length * 2);
        handleRequest.invoke(handler, new ByteArrayInputStream(request), response, null);
        long invokeEnd = System.nanoTime();

        long cpuMillis = processCpuMillis();
        // Read the JVM start time only now: the management classes it loads must not count against the handler.
        long jvmStartMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainMillisSinceEpoch = System.currentTimeMillis() - (invokeEnd - mainNanos) / 1_000_000;
        stdout.printf("%s jvmToMainMs=%d initMs=%.1f firstInvokeMs=%.1f responseBytes=%d cpuMs=%d%n", MARKER,
                mainMillisSinceEpoch - jvmStartMillis, (initEnd - initStart) / 1e6, (invokeEnd - initEnd) / 1e6,
                response.size(), cpuMillis);
        stdout.flush();
    }

    /**
     * CPU time of the whole process so far (every thread: JIT compilers and GC included), from Linux's
     * {@code /proc/self/stat} (utime + stime in clock ticks of 1/100 s), or -1 elsewhere. On a loaded machine the wall
     * time measures the share of a core the JVM got; this measures the work.
     */
    static long processCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
