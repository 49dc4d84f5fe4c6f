package io.firelake.kinesis.aggregation;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our format against the reference: the KCL's own de-aggregator and its protobuf classes. */
class KclCompatibilityTest {

    @Test
    void theKclDeaggregatesWhatWeEncode() {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        for (int i = 0; i < 50; i++) {
            encoder.add("session-" + (i % 7), i % 2 == 0 ? null : String.valueOf(i * 1_000_003L),
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        KinesisClientRecord outer = KinesisClientRecord.builder()
                .data(ByteBuffer.wrap(encoder.toBytes()))
                .partitionKey(encoder.firstPartitionKey())
                .sequenceNumber("49590338271490256608559692538361571095921575989136588898")
                .approximateArrivalTimestamp(Instant.now())
                .build();
        List<KinesisClientRecord> users = new AggregatorUtil().deaggregate(List.of(outer));
        assertThat(users).hasSize(50);
        for (int i = 0; i < 50; i++) {
            KinesisClientRecord user = users.get(i);
            assertThat(user.aggregated()).isTrue();
            assertThat(user.subSequenceNumber()).isEqualTo(i);
            assertThat(user.partitionKey()).isEqualTo("session-" + (i % 7));
            assertThat(StandardCharsets.UTF_8.decode(user.data()).toString()).isEqualTo("{\"n\":" + i + "}");
        }
    }

    @Test
    void weDeaggregateWhatTheKplProtobufEncodes() throws Exception {
        Messages.AggregatedRecord message = Messages.AggregatedRecord.newBuilder()
                .addPartitionKeyTable("p0").addPartitionKeyTable("p1")
                .addExplicitHashKeyTable("12345")
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(1).setData(ByteString.copyFromUtf8("one"))
                        .addTags(Messages.Tag.newBuilder().setKey("k").setValue("v")))
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).setExplicitHashKeyIndex(0)
                        .setData(ByteString.copyFromUtf8("two")))
                .build();
        byte[] body = message.toByteArray();
        byte[] digest = MessageDigest.getInstance("MD5").digest(body);
        ByteBuffer buffer = ByteBuffer.allocate(4 + body.length + 16);
        buffer.put(AggregationFormat.MAGIC).put(body).put(digest);

        List<UserRecord> records = Deaggregator.deaggregate(buffer.array(), "outer", null);
        assertThat(records).containsExactly(
                new UserRecord("p1", null, "one".getBytes(StandardCharsets.UTF_8), 0, true),
                new UserRecord("p0", "12345", "two".getBytes(StandardCharsets.UTF_8), 1, true));
    }
}
