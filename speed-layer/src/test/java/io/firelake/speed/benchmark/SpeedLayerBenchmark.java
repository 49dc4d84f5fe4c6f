package io.firelake.speed.benchmark;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.speed.SpeedLayerHandler;
import io.firelake.speed.core.AggregateStore;
import io.firelake.speed.core.WindowOutput;
import io.firelake.speed.core.WindowStateCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The speed layer's handler throughput on one thread (one core), DynamoDB excluded: a counting store stands in for it,
 * so the figure is the handler's own cost (event conversion, KPL de-aggregation, JSON parsing, aggregation, state
 * encode and decode between invocations). Also counts the DynamoDB items a window writes per 1,000 events.
 *
 * <p>The machine it runs on is shared, so wall-clock rates vary with its load; the headline figure divides the events by
 * the JVM's own CPU time (all its threads, GC and JIT included), which is what one core would have to spend.
 *
 * <p>Not a test: run it with {@code speed-layer/benchmark.sh} (or this class's main on the test class path). The
 * events are built up front, as Lambda would hand them over; only {@code handleRequest} is timed.
 *
 * <p>Arguments: {@code [events per window per shard, default 60000] [rounds, default 5] [contract, default
 * clickstream; iot-telemetry for readings shaped like that contract's]}.
 */
public final class SpeedLayerBenchmark {

    private static final String[] TYPES = {"page_view", "page_view", "page_view", "page_view", "click", "click",
            "search", "add_to_cart", "checkout", "purchase"};
    private static final int BATCH_SIZE = 1000; // SAM parameter SpeedLayerBatchSize's default
    private static final long WINDOW_MILLIS = 60_000;
    /** Windows per round: enough events that the CPU clock's 10 ms ticks do not matter. */
    private static final int WINDOWS = 5;

    private static final class CountingStore implements AggregateStore {
        long windows;
        long items;
        long writeUnits;

        @Override
        public WriteReport write(WindowOutput output) {
            windows++;
            items += output.itemCount();
            writeUnits += io.firelake.speed.dynamodb.AggregateTable.writeUnits(output,
                    io.firelake.speed.dynamodb.AggregateTable.TTL_ATTRIBUTE);
            return new WriteReport(output.itemCount(), 0);
        }
    }

    public static void main(String[] args) {
        int eventsPerWindow = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String contract = args.length > 2 ? args[2] : "clickstream";
        boolean iot = contract.equals("iot-telemetry");
        io.firelake.speed.core.spec.SpeedLayerSpec spec = io.firelake.speed.core.spec.SpeedLayerContracts.load(contract);
        long windowStart = Instant.parse("2026-11-22T03:09:00Z").toEpochMilli();
        System.out.printf("speed layer handler benchmark: %,d events per 60 s window, %d windows a round, batches of %,d,"
                + " %d rounds, contract %s, java %s%n", eventsPerWindow, WINDOWS, BATCH_SIZE, rounds, contract,
                System.getProperty("java.version"));

        for (boolean kpl : new boolean[] {false, true}) {
            Random random = new Random(42);
            List<KinesisTimeWindowEvent> invocations = new ArrayList<>();
            for (int w = 0; w < WINDOWS; w++) {
                invocations.addAll(window(windowStart + w * WINDOW_MILLIS, eventsPerWindow, kpl, iot, random));
            }
            double[] rates = new double[rounds];
            double[] wallRates = new double[rounds];
            // Process CPU time, not the thread's: garbage collection and JIT threads are part of the handler's cost.
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            CountingStore store = null;
            long maxState = 0;
            for (int round = -2; round < rounds; round++) { // two warm-up rounds
                store = new CountingStore();
                SpeedLayerHandler handler = new SpeedLayerHandler(store, 10, line -> { }, spec);
                Map<String, String> state = Map.of();
                long started = System.nanoTime();
                long startedCpu = os.getProcessCpuTime();
                for (KinesisTimeWindowEvent event : invocations) {
                    event.setState(state); // empty after a final invocation: the next window starts afresh
                    TimeWindowEventResponse response = handler.handleRequest(event, null);
                    state = response.getState();
                    String encoded = state.get(WindowStateCodec.STATE_KEY);
                    if (encoded != null) {
                        maxState = Math.max(maxState, encoded.length());
                    }
                }
                long elapsed = System.nanoTime() - started;
                long cpu = os.getProcessCpuTime() - startedCpu;
                if (round >= 0) {
                    rates[round] = (double) eventsPerWindow * WINDOWS / (cpu / 1e9);
                    wallRates[round] = (double) eventsPerWindow * WINDOWS / (elapsed / 1e9);
                }
            }
            Arrays.sort(rates);
            Arrays.sort(wallRates);
            double median = rates[rounds / 2];
            System.out.printf("%-28s %,10.0f events per CPU-second of the JVM (median of %d; min %,.0f, "
                            + "max %,.0f); wall clock median %,.0f events/s%n", kpl ? "KPL aggregates (25/record):"
                            : "plain records:", median, rounds, rates[0], rates[rounds - 1], wallRates[rounds / 2]);
            System.out.printf("%-28s %d invocations per window; %d items (%d write units) per window; %.3f DynamoDB "
                            + "writes per 1,000 events; largest state %,d bytes%n", "", invocations.size() / WINDOWS,
                    store.items / WINDOWS, store.writeUnits / WINDOWS,
                    store.items * 1000.0 / ((double) eventsPerWindow * WINDOWS), maxState);
        }
    }

    /** One shard's window: the batches and then the final invocation, as the event source mapping sends them. */
    private static List<KinesisTimeWindowEvent> window(long windowStart, int events, boolean kpl, boolean iot,
                                                       Random random) {
        String[] sessions = new String[Math.max(1, events / 8)];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = UUID.randomUUID().toString();
        }
        List<byte[]> payloads = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            long time = windowStart + (long) i * WINDOW_MILLIS / events;
            payloads.add(iot ? reading(time, random) : event(time, sessions[random.nextInt(sessions.length)], random));
        }
        List<byte[]> records = new ArrayList<>();
        if (kpl) {
            AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
            for (byte[] payload : payloads) {
                encoder.add("pk-" + random.nextInt(1000), null, payload);
                if (encoder.count() == 25) {
                    records.add(encoder.toBytes());
                    encoder.reset();
                }
            }
            if (!encoder.isEmpty()) {
                records.add(encoder.toBytes());
            }
        } else {
            records.addAll(payloads);
        }
        List<KinesisTimeWindowEvent> invocations = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            List<KinesisEvent.KinesisEventRecord> batch = new ArrayList<>();
            for (int i = from; i < Math.min(records.size(), from + BATCH_SIZE); i++) {
                batch.add(record(String.format("4959033827149025660855969253836157109592157598%010d", i), records.get(i),
                        windowStart + (long) i * WINDOW_MILLIS / records.size()));
            }
            invocations.add(event(windowStart, batch, false));
        }
        invocations.add(event(windowStart, List.of(), true));
        return invocations;
    }

    private static KinesisTimeWindowEvent event(long windowStart, List<KinesisEvent.KinesisEventRecord> records,
                                                boolean finalInvoke) {
        KinesisTimeWindowEvent event = new KinesisTimeWindowEvent();
        event.setRecords(records);
        event.setWindow(new TimeWindow(Instant.ofEpochMilli(windowStart).toString(),
                Instant.ofEpochMilli(windowStart + WINDOW_MILLIS).toString()));
        event.setShardId("shardId-000000000000");
        event.setIsFinalInvokeForWindow(finalInvoke);
        event.setIsWindowTerminatedEarly(false);
        return event;
    }

    private static KinesisEvent.KinesisEventRecord record(String sequenceNumber, byte[] data, long arrival) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey("pk");
        kinesis.setData(ByteBuffer.wrap(data));
        kinesis.setApproximateArrivalTimestamp(new Date(arrival));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        return record;
    }

    private static final String[] DEVICE_TYPES = {"thermostat", "thermostat", "air_quality", "energy_meter", "door_sensor"};
    private static final String[] BATTERY = {"ok", "ok", "ok", "ok", "ok", "ok", "ok", "low", "critical", "mains"};

    /** A reading shaped like contracts/iot-telemetry/iot-raw.avsc's: each type's own measurements, about 330 bytes. */
    private static byte[] reading(long time, Random random) {
        int device = random.nextInt(5_000);
        String type = DEVICE_TYPES[device % DEVICE_TYPES.length];
        StringBuilder json = new StringBuilder(384)
                .append("{\"schema_version\":1,\"reading_id\":\"").append(UUID.randomUUID())
                .append("\",\"device_id\":\"dev-").append(device)
                .append("\",\"device_type\":\"").append(type)
                .append("\",\"read_at\":").append(time - random.nextInt(3000))
                .append(",\"site_id\":\"site-").append(device % 12)
                .append("\",\"firmware\":\"3.1.").append(device % 5).append('"');
        switch (type) {
            case "thermostat", "air_quality" -> {
                json.append(",\"temperature_c\":").append(random.nextInt(6000) / 100.0 - 20)
                        .append(",\"humidity_pct\":").append(random.nextInt(1000) / 10.0);
                if (type.equals("air_quality")) {
                    json.append(",\"co2_ppm\":").append(400 + random.nextInt(1800));
                }
            }
            case "energy_meter" -> json.append(",\"power_w\":").append(random.nextInt(350_000) / 100.0)
                    .append(",\"energy_wh\":").append(random.nextInt(5_000_000));
            default -> json.append(",\"door_open\":").append(random.nextBoolean());
        }
        return json.append(",\"battery_pct\":").append(random.nextInt(101))
                .append(",\"battery_status\":\"").append(BATTERY[random.nextInt(BATTERY.length)])
                .append("\",\"signal_dbm\":").append(-110 + random.nextInt(70))
                .append(",\"gateway_ip\":\"203.0.113.").append(device % 256).append("\"}")
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An event shaped like the producer's: every field of the raw contract, about 450 bytes. */
    private static byte[] event(long time, String session, Random random) {
        String type = TYPES[random.nextInt(TYPES.length)];
        StringBuilder json = new StringBuilder(512)
                .append("{\"schema_version\":1,\"event_id\":\"").append(UUID.randomUUID())
                .append("\",\"event_type\":\"").append(type)
                .append("\",\"event_time\":\"").append(Instant.ofEpochMilli(time - random.nextInt(3000)))
                .append("\",\"session_id\":\"").append(session)
                .append("\",\"user_id\":").append(random.nextBoolean() ? "null" : "\"user-" + random.nextInt(50_000) + "\"")
                .append(",\"page_url\":\"https://shop.example/p/").append(random.nextInt(2_000))
                .append("?utm_source=newsletter&utm_medium=email\"")
                .append(",\"referrer\":\"https://www.google.com/search?q=shoes\"")
                .append(",\"user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\"")
                .append(",\"ip\":\"203.0.113.").append(random.nextInt(256)).append('"');
        if (type.equals("purchase") || type.equals("add_to_cart")) {
            json.append(",\"product_id\":\"sku-").append(random.nextInt(10_000)).append('"');
        }
        if (type.equals("purchase")) {
            json.append(",\"price\":").append(random.nextInt(20_000) / 100.0)
                    .append(",\"currency\":\"EUR\",\"quantity\":").append(1 + random.nextInt(3));
        }
        if (type.equals("search")) {
            json.append(",\"search_query\":\"running shoes\"");
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
