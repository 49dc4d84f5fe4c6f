package io.firelake.local.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class KinesaliteTest {

    private static Kinesalite kinesalite;

    @BeforeAll
    static void start() {
        kinesalite = Kinesalite.start();
    }

    @AfterAll
    static void stop() {
        kinesalite.close();
    }

    @Test
    void putRecordThenGetRecordsReturnsTheSameBytes() {
        try (KinesisClient kinesis = LocalAws.kinesis(kinesalite.endpoint())) {
            kinesis.createStream(b -> b.streamName("engines-test").shardCount(2));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName("engines-test"));
            var put = kinesis.putRecord(b -> b.streamName("engines-test").partitionKey("session-1")
                    .data(SdkBytes.fromString("{\"hello\":1}", StandardCharsets.UTF_8)));
            String iterator = kinesis.getShardIterator(b -> b.streamName("engines-test").shardId(put.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator)).records();

            assertThat(records).hasSize(1);
            assertThat(records.get(0).data().asUtf8String()).isEqualTo("{\"hello\":1}");
            assertThat(records.get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
        }
    }

    @Test
    void withADataDirectoryStreamsAndRecordsSurviveARestart(@TempDir Path dataDir) {
        String sequence;
        try (Kinesalite first = Kinesalite.builder().dataDir(dataDir).start();
             KinesisClient kinesis = LocalAws.kinesis(first.endpoint())) {
            kinesis.createStream(b -> b.streamName("durable").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName("durable"));
            sequence = kinesis.putRecord(b -> b.streamName("durable").partitionKey("k")
                    .data(SdkBytes.fromString("kept", StandardCharsets.UTF_8))).sequenceNumber();
        }
        try (Kinesalite second = Kinesalite.builder().dataDir(dataDir).start();
             KinesisClient kinesis = LocalAws.kinesis(second.endpoint())) {
            String iterator = kinesis.getShardIterator(b -> b.streamName("durable").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator)).records();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.sequenceNumber()).isEqualTo(sequence);
                assertThat(r.data().asUtf8String()).isEqualTo("kept");
            });
        }
    }

    @Test
    void listensOnLoopbackAndRefusesATakenPortWithAClearMessage() throws Exception {
        assertThat(kinesalite.endpoint().getHost()).isEqualTo("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, Loopback.address())) {
            assertThatThrownBy(() -> Kinesalite.builder().port(taken.getLocalPort()).start())
                    .isInstanceOf(EngineStartException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aNodeOlderThan18IsRefusedWithItsVersion(@TempDir Path dir) throws Exception {
        Path oldNode = dir.resolve("node");
        java.nio.file.Files.writeString(oldNode, "#!/bin/sh\necho v16.20.2\n");
        assertThat(oldNode.toFile().setExecutable(true)).isTrue();
        String previous = System.getProperty("firelake.node");
        System.setProperty("firelake.node", oldNode.toString());
        try {
            assertThatThrownBy(() -> NodePackages.at(NodePackages.locate().directory()).requireNode())
                    .isInstanceOf(EngineStartException.class)
                    .hasMessageContaining("v16.20.2 is too old")
                    .hasMessageContaining("Node.js 18 or newer");
        } finally {
            if (previous == null) {
                System.clearProperty("firelake.node");
            } else {
                System.setProperty("firelake.node", previous);
            }
        }
    }

    @Test
    void aMissingNodeIsReportedWithWhatToInstall() {
        NodePackages packages = NodePackages.locate();
        String previous = System.getProperty("firelake.node");
        System.setProperty("firelake.node", "/nonexistent/node-for-test");
        try {
            assertThatThrownBy(() -> NodePackages.at(packages.directory()).requireNode())
                    .isInstanceOf(EngineStartException.class)
                    .hasMessageContaining("Node.js 18 or newer");
        } finally {
            if (previous == null) {
                System.clearProperty("firelake.node");
            } else {
                System.setProperty("firelake.node", previous);
            }
        }
    }
}
