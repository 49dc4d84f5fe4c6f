package io.firelake.local.runtime;

import io.firelake.events.contract.Contracts;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.generate.Simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many sample records each invocation thread of the local Firehose runs through its handler, the conversion and a
 * throw-away Parquet file before it reads: the managed service is always warm, a fresh JVM is not. Chosen by
 * measurement (docs/benchmarks.md, "The local Firehose's warm-up, re-measured"); {@value #PROPERTY} changes it
 * ({@code FIRELAKE_JAVA_OPTS="-Xmx3g -XX:+UseParallelGC -Dfirelake.warmup.records=0" ./firelake demo}, 0 = none).
 */
public final class FirehoseWarmUp {

    public static final String PROPERTY = "firelake.warmup.records";
    /**
     * Enough for the JIT to compile the per-record path (C2's thresholds are in the thousands of calls), about two
     * seconds of wall time, overlapping with the speed layer's start.
     */
    static final int DEFAULT_RECORDS = 10_000;
    /** More than this is no longer a warm-up: the simulator builds every sample in memory first. */
    static final int MAX_RECORDS = 1_000_000;

    private FirehoseWarmUp() {
    }

    /** The records per invocation thread {@value #PROPERTY} asks for, else the default; a clear error for bad input. */
    public static int records() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_RECORDS;
        }
        try {
            int records = Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
            if (records >= 0 && records <= MAX_RECORDS) {
                return records;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": give a number of sample records from 0 (no "
                + "warm-up) to " + MAX_RECORDS + " (default " + DEFAULT_RECORDS + ")");
    }

    /** Valid sample events of this process's contract ({@code --contract}), from the producer's simulator. */
    public static List<byte[]> payloads(int records) {
        if (records == 0) {
            return List.of();
        }
        var simulator = Simulators.of(SimulationSettings.live(1, records), Contracts.selected());
        List<byte[]> payloads = new ArrayList<>(records);
        while (simulator.hasNext()) {
            payloads.add(simulator.next().data());
        }
        return payloads;
    }

    /** The demo's line about it: what ran, how long, and how to change it. */
    public static String describe(int records, double seconds) {
        if (records == 0) {
            return String.format(Locale.ROOT, "the local Firehose did not warm up (-D%s=0): its first records pay for "
                    + "class loading and the JIT", PROPERTY);
        }
        return String.format(Locale.ROOT, "the local Firehose warmed up first: %,d sample records through each invocation "
                + "thread, conversion and Parquet, nothing delivered, in %.1f s while the speed layer started (-D%s)",
                records, seconds, PROPERTY);
    }
}
