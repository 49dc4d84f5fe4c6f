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
 * A child JVM of the transform-against-Python benchmark: a Lambda execution environment's life for a minute. Like
 * {@link ColdStartLauncher} it loads the handler by name from the shaded jar (its init phase), answers one request
 * (the cold invocation) and prints {@code FIRST cpuMs=..}; then it answers the same request back to back for
 * {@code --seconds} (warm invocations, one after the other as Firehose sends them to one instance) and prints
 * {@code DONE batches=.. wallMs=.. cpuMs=.. tailBatches=.. tailWallMs=.. tailCpuMs=..}, the tail being the last quarter
 * of the time (the steady state). CPU is the whole process's (JIT and GC threads included), from {@code /proc/self/stat}.
 * The Python peer's runner ({@code benchmarks/python/run_peer.py}) prints the same two lines.
 */
public final class WarmStreamLauncher {

    private WarmStreamLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].equals("--seconds")) {
            System.err.println("usage: java -cp benchmarks-launcher.jar:firelake-firehose-transform.jar "
                    + WarmStreamLauncher.class.getName() + " --seconds S REQUEST.json");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[1]);
        byte[] request = Files.readAllBytes(Path.of(args[2]));
        PrintStream stdout = System.out;
        Class<?> handlerClass = Class.forName(ColdStartLauncher.HANDLER);
        Object handler = handlerClass.getConstructor().newInstance();
        Method handleRequest = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class,
                Class.forName("com.amazonaws.services.lambda.runtime.Context"));
        ByteArrayOutputStream response = new ByteArrayOutputStream(request.length * 2);
        handleRequest.invoke(handler, new ByteArrayInputStream(request), response, null);
        stdout.printf("FIRST cpuMs=%d responseBytes=%d%n", ColdStartLauncher.processCpuMillis(), response.size());
        stdout.flush();

        long start = System.nanoTime();
        long startCpu = ColdStartLauncher.processCpuMillis();
        long end = start + seconds * 1_000_000_000L;
        long tailFrom = end - seconds * 250_000_000L;
        long tailStart = 0;
        long tailCpu = 0;
        long batches = 0;
        long tailBatches = 0;
        long now = start;
        while (now < end) {
            response.reset();
            handleRequest.invoke(handler, new ByteArrayInputStream(request), response, null);
            batches++;
            now = System.nanoTime();
            if (now >= tailFrom) {
                if (tailStart == 0) {
                    tailStart = now;
                    tailCpu = ColdStartLauncher.processCpuMillis();
                } else {
                    tailBatches++;
                }
            }
        }
        long cpu = ColdStartLauncher.processCpuMillis();
        stdout.printf("DONE batches=%d wallMs=%d cpuMs=%d tailBatches=%d tailWallMs=%d tailCpuMs=%d%n", batches,
                (now - start) / 1_000_000, cpu - startCpu, tailBatches, (now - tailStart) / 1_000_000, cpu - tailCpu);
        stdout.flush();
    }
}
