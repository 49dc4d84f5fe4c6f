package io.firelake.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.generate.FaultKind;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import io.firelake.producer.send.PutPayloadUnits;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.ShardMap;
import io.firelake.producer.send.ShardRange;
import java.math.BigInteger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The producer against a real kinesalite: what was sent is what a consumer reads back, byte for byte. */
class ProducerKinesaliteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Kinesalite kinesalite;
    private static KinesisClient kinesis;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kinesalite = Kinesalite.start();
        kinesis = LocalAws.kinesis(kinesalite.endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        kinesalite.close();
    }

    private static SimulationSettings simulation(long events) {
        return new SimulationSettings(7, 500, events, null, null, FaultRates.combined(0.05)
                .with(FaultKind.OVERSIZED, 0.001), 0.05,
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aggregatedRecordsAreReadBackDeaggregatedAndMatchTheManifestByteForByte() throws Exception {
        Path manifest = dir.resolve("manifest.jsonl");
        RecordingListener sent = new RecordingListener();
        ProducerResult result = ProducerRun.builder().endpoint(kinesalite.endpoint()).stream("aggregated")
                .createStreamIfMissing(4).simulate(simulation(4000)).manifest(manifest).listener(sent)
                .build().run();

        assertThat(result.complete()).as(String.valueOf(result)).isTrue();
        assertThat(result.summary().delivered()).isEqualTo(4000);
        assertThat(result.summary().aggregates()).isPositive();

        Map<String, byte[]> sentByPosition = new HashMap<>();
        for (RecordingListener.Delivered d : sent.delivered) {
            sentByPosition.put(position(d.delivery().shardId(), d.delivery().sequenceNumber(),
                    d.delivery().subSequenceNumber()), d.record().data());
        }
        Map<String, JsonNode> manifestByPosition = new HashMap<>();
        Map<String, Long> manifestKinds = new TreeMap<>();
        for (String line : Files.readAllLines(manifest)) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.get("status").asText()).isEqualTo("delivered");
            manifestByPosition.put(position(entry.get("shard_id").asText(), entry.get("sequence_number").asText(),
                    entry.get("sub_sequence_number").asInt()), entry);
            manifestKinds.merge(entry.get("kind").asText(), 1L, Long::sum);
        }
        assertThat(manifestKinds).isEqualTo(result.summary().recordsByKind());

        List<StreamReader.ReadRecord> read = StreamReader.readAll(kinesis, "aggregated");
        assertThat(read).hasSize(4000);
        Map<String, Set<String>> shardsOfSession = new HashMap<>();
        Set<String> shardsUsed = new HashSet<>();
        for (StreamReader.ReadRecord record : read) {
            String position = position(record.shardId(), record.sequenceNumber(), (int) record.subSequence());
            JsonNode entry = manifestByPosition.get(position);
            assertThat(entry).as("manifest entry for %s", position).isNotNull();
            assertThat(sha256(record.data())).isEqualTo(entry.get("payload_sha256").asText());
            assertThat(record.partitionKey()).isEqualTo(entry.get("partition_key").asText());
            assertThat(record.data()).isEqualTo(sentByPosition.get(position));
            shardsOfSession.computeIfAbsent(record.partitionKey(), k -> new HashSet<>()).add(record.shardId());
            shardsUsed.add(record.shardId());
        }
        assertThat(shardsUsed).as("aggregates spread over every shard").hasSize(4);
        ShardMap shardMap = new ShardMap(kinesis.listShards(b -> b.streamName("aggregated")).shards().stream()
                .map(s -> new ShardRange(s.shardId(), new BigInteger(s.hashKeyRange().startingHashKey()),
                        new BigInteger(s.hashKeyRange().endingHashKey()))).toList());
        assertThat(read).as("each session on the shard its key hashes to, as without aggregation")
                .allSatisfy(r -> assertThat(r.shardId())
                        .isEqualTo(shardMap.shard(shardMap.shardIndexOf(r.partitionKey())).shardId()));
        assertThat(shardsOfSession.values()).allSatisfy(shards -> assertThat(shards).hasSize(1));
        assertThat(result.summary().putPayloadUnits())
                .as("aggregates of at most one unit, oversized records alone")
                .isLessThan(result.summary().kinesisRecords() + 45L * result.summary().recordsByKind()
                        .getOrDefault("oversized", 0L));
    }

    @Test
    void withoutAggregationEveryEventIsItsOwnRecordKeyedBySession() throws Exception {
        RecordingListener sent = new RecordingListener();
        ProducerResult result = ProducerRun.builder().endpoint(kinesalite.endpoint()).stream("plain")
                .createStreamIfMissing(2).simulate(simulation(600))
                .settings(SenderSettings.defaults().withAggregation(false)).listener(sent).build().run();

        assertThat(result.complete()).isTrue();
        List<StreamReader.ReadRecord> read = StreamReader.readAll(kinesis, "plain");
        assertThat(read).hasSize(600).noneMatch(StreamReader.ReadRecord::aggregated);
        assertThat(result.summary().kinesisRecords()).isEqualTo(600);
        assertThat(result.summary().aggregates()).isZero();
        Map<String, byte[]> sentByPosition = new HashMap<>();
        for (RecordingListener.Delivered d : sent.delivered) {
            sentByPosition.put(position(d.delivery().shardId(), d.delivery().sequenceNumber(), 0), d.record().data());
            assertThat(d.record().partitionKey()).startsWith("s-");
        }
        for (StreamReader.ReadRecord record : read) {
            assertThat(record.data()).isEqualTo(sentByPosition.get(position(record.shardId(),
                    record.sequenceNumber(), 0)));
        }
        long oversized = result.summary().recordsByKind().getOrDefault("oversized", 0L);
        assertThat(result.summary().putPayloadUnits())
                .isEqualTo(600 - oversized + oversized * PutPayloadUnits.of(1_030_020));
    }

    @Test
    void replaySendsEachLineAsItIsAndWritesTheSummaryJson() throws Exception {
        Path input = dir.resolve("events.jsonl");
        List<String> lines = List.of("{\"event_id\":\"e-1\",\"session_id\":\"s-1\",\"event_type\":\"click\"}",
                "{not json at all", "{\"event_type\":\"page_view\"}");
        Files.write(input, lines, StandardCharsets.UTF_8);
        Path summary = dir.resolve("summary.json");
        Path manifest = dir.resolve("replay-manifest.jsonl");

        int exit = ProducerCli.commandLine().execute("replay", input.toString(), "--endpoint",
                kinesalite.endpoint().toString(), "--stream", "replayed", "--create-stream", "1",
                "--summary-json", summary.toString(), "--manifest", manifest.toString(), "--quiet");

        assertThat(exit).isZero();
        assertThat(StreamReader.readAll(kinesis, "replayed")).extracting(r -> new String(r.data(),
                StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(lines);
        JsonNode json = JSON.readTree(summary.toFile());
        assertThat(json.get("delivered").asLong()).isEqualTo(3);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(Files.readAllLines(manifest)).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("\"event_id\":\"e-1\"", "\"partition_key\":\"s-1\""))
                .anySatisfy(line -> assertThat(line).contains("\"event_id\":null"));
    }

    @Test
    void aMissingStreamStopsTheRunWithAClearErrorAndExitStatus3() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ProducerCli.commandLine().execute("generate", "--endpoint", kinesalite.endpoint().toString(),
                    "--stream", "no-such-stream", "--events", "50", "--quiet");
        } finally {
            System.setErr(previous);
        }
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stopped sending", "ResourceNotFoundException", "no-such-stream");
    }

    @Test
    void aStreamAndADeliveryStreamAreExclusiveWithAClearUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var commandLine = ProducerCli.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int both = commandLine.execute("generate", "--stream", "events", "--delivery-stream", "direct",
                "--events", "1", "--quiet");
        int create = commandLine.execute("generate", "--delivery-stream", "direct", "--create-stream", "2",
                "--events", "1", "--quiet");
        assertThat(both).isEqualTo(2);
        assertThat(create).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("error: --stream and --delivery-stream are exclusive")
                .contains("error: --create-stream creates a Kinesis stream")
                .contains("Run 'firelake-producer generate --help' for the options.")
                .doesNotContain("Exception");
    }

    @Test
    void helpTeachesWithExamples() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var commandLine = ProducerCli.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        int exit = commandLine.execute("generate", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--fault-rate", "--start-time", "--no-aggregation",
                "--manifest", "--summary-json", "--delivery-stream", "PutRecordBatch", "Examples", "Exit status");
    }

    private static String position(String shardId, String sequenceNumber, int subSequence) {
        return shardId + "/" + sequenceNumber + "/" + subSequence;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /**
     * A new user's mistakes with the producer jar, each refused before anything is sent with a line that says what
     * to do: a usage error (exit 2) for options that cannot work, a delivery stream asked of kinesalite named as such.
     */
    @Nested
    class Mistakes {

        record Run(int exit, String err) {
        }

        /** The command's own stderr and System.err (where a run's summary and errors go), together. */
        private Run run(String... args) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream previous = System.err;
            PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setErr(capture);
            try {
                int exit = ProducerCli.commandLine().setErr(new PrintWriter(capture, true)).execute(args);
                return new Run(exit, err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setErr(previous);
            }
        }

        @Test
        void aFaultRateOverOneIsAUsageErrorNotACrash() {
            Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--fault-rate", "1.5");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("error: fault rates add up to 1.5", "Run 'firelake-producer generate --help'")
                    .doesNotContain("FIRELAKE_DEBUG");
        }

        @Test
        void createStreamWithNoShardsIsAUsageErrorNotSilentlyIgnored() {
            Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5",
                    "--stream", "zero-shards", "--create-stream", "0");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("error: --create-stream takes the shards of the stream to create: 1 or more, not 0");
        }

        @Test
        void aDeliveryStreamAskedOfKinesaliteSaysTheEndpointDoesNotServeFirehose() {
            Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--quiet",
                    "--delivery-stream", "firelake-direct");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("stopped sending", "does not serve Firehose", "http://127.0.0.1:4566");
        }

        @Test
        void undeliveredRecordsAreExplainedByTheFirstReasonNotOnlyAnErrorCode() throws Exception {
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            Run run = run("generate", "--endpoint", "http://127.0.0.1:" + closedPort, "--events", "3", "--quiet",
                    "--max-attempts", "1");
            assertThat(run.exit()).isEqualTo(3);
            // Connection refused, or a timeout should another process take the port meanwhile: a reason either way.
            assertThat(run.err()).contains("3 of 3 records were not delivered {ClientError=3}; the first: ClientError: ",
                    "(gave up after 1 attempts). Run with --manifest FILE to list them.");
        }

        @Test
        void aMissingStreamSaysHowToCreateIt() {
            Run run = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--quiet",
                    "--stream", "not-created");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("ResourceNotFoundException", "not-created",
                    "Create it with --create-stream SHARDS, or name another with --stream.");
        }

        @Test
        void aNegativeRateAndADirectoryToReplayAreUsageErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
            Run rate = run("generate", "--endpoint", kinesalite.endpoint().toString(), "--events", "5", "--rate", "-5");
            assertThat(rate.exit()).isEqualTo(2);
            assertThat(rate.err()).contains("error: --rate must be a number of records per second, not -5.0");
            Run replay = run("replay", dir.toString(), "--endpoint", kinesalite.endpoint().toString());
            assertThat(replay.exit()).isEqualTo(2);
            assertThat(replay.err()).contains("error: " + dir + " is a directory: name a JSON lines file");
        }
    }
}
