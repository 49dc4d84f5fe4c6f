package io.firelake.producer.send;

import io.firelake.aws.retry.Backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsAndBackoffTest {

    @Test
    void putPayloadUnitsAreStartedChunksOf25000Bytes() {
        assertThat(PutPayloadUnits.of(1)).isEqualTo(1);
        assertThat(PutPayloadUnits.of(25_000)).isEqualTo(1);
        assertThat(PutPayloadUnits.of(25_001)).isEqualTo(2);
        assertThat(PutPayloadUnits.of(1_000_000)).as("the pricing page: a 1 MB record is 40 units")
                .isEqualTo(40);
    }

    @Test
    void backoffDoublesFromItsBaseUpToItsCapWithFullJitter() {
        Backoff backoff = SenderSettings.backoff(Duration.ofMillis(100));
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(3200);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(5000);
        assertThat(backoff.ceilingMillis(200)).isEqualTo(5000);
        long sum = 0;
        for (int i = 0; i < 2000; i++) {
            long delay = backoff.delay(3).toMillis();
            assertThat(delay).isBetween(0L, 400L);
            sum += delay;
        }
        assertThat(sum / 2000.0).as("uniform over [0, 400]: mean near 200").isBetween(150.0, 250.0);
    }

    @Test
    void theShardMapFindsTheShardWhoseRangeHoldsTheKeysMd5() {
        BigInteger top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        BigInteger half = BigInteger.ONE.shiftLeft(127);
        ShardMap map = new ShardMap(List.of(new ShardRange("shardId-000000000001", half, top),
                new ShardRange("shardId-000000000000", BigInteger.ZERO, half.subtract(BigInteger.ONE))));
        for (String key : List.of("a", "b", "session-42", "s-4Kv9sHCN", "ü-unicode")) {
            BigInteger hash = ShardMap.hashKey(key);
            int index = map.shardIndexOf(key);
            assertThat(map.shard(index).contains(hash)).isTrue();
            assertThat(new BigInteger(map.explicitHashKey(index))).isEqualTo(map.shard(index).startingHashKey());
        }
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661: below half, so the first shard.
        assertThat(map.shard(map.shardIndexOf("a")).shardId()).isEqualTo("shardId-000000000000");
    }
}
