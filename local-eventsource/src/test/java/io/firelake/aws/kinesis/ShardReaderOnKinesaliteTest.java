package io.firelake.aws.kinesis;

import io.firelake.local.eventsource.KinesaliteExtension;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.Loopback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * aws-base's shard reader against real kinesalite (here because aws-base cannot depend on local-engines, which
 * depends on it): order, iterator expiry, closed shards, backoff, errors that are thrown, read-ahead.
 */
class ShardReaderOnKinesaliteTest {

    @RegisterExtension
    static final KinesaliteExtension KINESALITE = new KinesaliteExtension();
    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = KINESALITE.kinesis();
    }

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecordReadSoNothingIsSkippedOrRepeated() {
        String stream = stream("expiry", 1, 10);
        AgingKinesisClient aging = new AgingKinesisClient(kinesis, 1);
        ShardReader reader = new ShardReader(aging, stream, shardId(stream, 0), StartingPosition.trimHorizon(),
                ShardReader.Settings.DEFAULTS);

        List<String> read = new ArrayList<>();
        ShardRead first = reader.read(4);
        first.records().forEach(r -> read.add(r.data().asUtf8String()));
        ShardRead second = reader.read(4); // kinesalite rejects the aged iterator; the reader renews it and reads on
        second.records().forEach(r -> read.add(r.data().asUtf8String()));
        while (read.size() < 10) {
            reader.read(4).records().forEach(r -> read.add(r.data().asUtf8String()));
        }

        assertThat(aging.expiredReported).as("kinesalite itself reported the expiry").hasValue(1);
        assertThat(reader.expiredIterators()).isEqualTo(1);
        assertThat(second.called()).isTrue();
        assertThat(second.records()).hasSize(4);
        assertThat(read).containsExactlyElementsOf(payloads(10));
        assertThat(aging.getShardIteratorCalls).as("opened once, renewed once").hasValue(2);
    }

    @Test
    void readsToTheTipThenReportsCaughtUpAndAClosedShardOnceItIsSplit() {
        String stream = stream("closing", 1, 5);
        String parent = shardId(stream, 0);
        ShardReader reader = new ShardReader(kinesis, stream, parent, StartingPosition.trimHorizon(),
                ShardReader.Settings.DEFAULTS);
        long before = System.nanoTime();

        List<Record> records = new ArrayList<>(reader.read(100).records());
        ShardRead tip = reader.read(100);
        assertThat(records).hasSize(5);
        assertThat(tip.records()).isEmpty();
        assertThat(tip.caughtUp()).isTrue();
        assertThat(reader.caughtUpSince(before)).isTrue();
        assertThat(reader.lastSequenceNumber()).isEqualTo(records.get(4).sequenceNumber());

        String middle = new BigInteger("2").pow(127).toString();
        kinesis.splitShard(b -> b.streamName(stream).shardToSplit(parent).newStartingHashKey(middle));
        KINESALITE.awaitActive(stream);
        ShardRead last = reader.read(100);
        while (!last.shardClosed()) {
            last = reader.read(100);
        }
        assertThat(reader.closed()).isTrue();
        assertThat(reader.read(100).shardClosed()).isTrue();
    }

    @Test
    void aFailedReadBacksOffWithoutBlockingByThePolicy() {
        AtomicLong millis = new AtomicLong(1_000);
        try (KinesisClient unreachable = LocalAws.kinesis(Loopback.httpEndpoint(Loopback.freePort()))) {
            AgingKinesisClient counting = new AgingKinesisClient(unreachable, -1);
            ShardReader reader = new ShardReader(counting, "nowhere", "shardId-000000000000",
                    StartingPosition.trimHorizon(), ShardReader.Settings.DEFAULTS, millis::get);

            ShardRead failed = reader.read(100);
            assertThat(failed.failure()).isNotNull();
            assertThat(failed.called()).isFalse();

            millis.addAndGet(ShardReader.DEFAULT_ERROR_BACKOFF.ceilingMillis(1) - 1);
            ShardRead waiting = reader.read(100);
            assertThat(waiting.failure()).isNull();
            assertThat(waiting.called()).isFalse();
            assertThat(counting.getShardIteratorCalls).as("no call while backing off").hasValue(1);

            millis.addAndGet(1);
            assertThat(reader.read(100).failure()).isNotNull();
            assertThat(counting.getShardIteratorCalls).hasValue(2);
        }
    }

    @Test
    void whatNoRetryCanFixIsThrown() {
        ShardReader reader = new ShardReader(kinesis, "no-such-stream", "shardId-000000000000",
                StartingPosition.trimHorizon(), ShardReader.Settings.DEFAULTS);
        assertThatThrownBy(() -> reader.read(100)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void readAheadHandsOverEveryReadInOrderAndKnowsWhenItCaughtUp() throws InterruptedException {
        String stream = stream("ahead", 1, 30);
        long started = System.nanoTime();
        ShardReader reader = new ShardReader(kinesis, stream, shardId(stream, 0), StartingPosition.trimHorizon(),
                ShardReader.Settings.DEFAULTS);
        List<String> read = new ArrayList<>();
        int batches = 0;
        try (ReadAhead<List<String>> ahead = new ReadAhead<>(reader,
                r -> r.records().stream().map(x -> x.data().asUtf8String()).toList(), 2, Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(read.size() == 30 && ahead.caughtUpSince(started)) && System.nanoTime() < deadline) {
                List<String> batch = ahead.poll(7, Duration.ofMillis(50));
                if (batch != null) {
                    // The read ahead may have made its first reads (as many as its depth) before the first poll set
                    // the limit; later reads respect it.
                    if (++batches > 2) {
                        assertThat(batch.size()).isLessThanOrEqualTo(7);
                    }
                    read.addAll(batch);
                }
            }
            assertThat(ahead.caughtUpSince(started)).isTrue();
        }
        assertThat(read).containsExactlyElementsOf(payloads(30));
    }

    private static List<String> payloads(int count) {
        return IntStream.range(0, count).mapToObj(i -> "record-" + i).toList();
    }

    private static String stream(String name, int shards, int records) {
        KINESALITE.createStream(name, shards);
        for (String payload : payloads(records)) {
            kinesis.putRecord(b -> b.streamName(name).partitionKey("pk").data(SdkBytes.fromUtf8String(payload)));
        }
        return name;
    }

    private static String shardId(String stream, int index) {
        List<Shard> shards = StreamShards.list(kinesis, stream);
        return shards.get(index).shardId();
    }
}
