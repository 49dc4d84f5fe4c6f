package io.firelake.speed.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HyperLogLogTest {

    @Test
    void smallCardinalitiesAreNearlyExact() {
        HyperLogLog sketch = new HyperLogLog();
        for (int i = 0; i < 100; i++) {
            sketch.add("session-" + i);
            sketch.add("session-" + i); // duplicates do not count
        }
        assertThat(sketch.estimate()).isBetween(98L, 102L);
    }

    @Test
    void largeCardinalitiesStayWithinThreeStandardErrors() {
        for (int distinct : new int[] {10_000, 200_000}) {
            HyperLogLog sketch = new HyperLogLog();
            for (int i = 0; i < distinct; i++) {
                sketch.add("9b2f6c1e-session-" + i);
            }
            assertThat((double) sketch.estimate())
                    .isCloseTo(distinct, within(3 * HyperLogLog.STANDARD_ERROR * distinct));
        }
    }

    @Test
    void mergingShardsIsTheSketchOfTheUnion() {
        HyperLogLog shard0 = new HyperLogLog();
        HyperLogLog shard1 = new HyperLogLog();
        HyperLogLog union = new HyperLogLog();
        for (int i = 0; i < 5_000; i++) {
            (i % 2 == 0 ? shard0 : shard1).add("s-" + i);
            shard1.add("s-" + (i / 2)); // overlap between shards
            union.add("s-" + i);
            union.add("s-" + (i / 2));
        }
        shard0.merge(shard1);
        assertThat(shard0).isEqualTo(union);
        assertThat(HyperLogLog.fromRegisters(shard0.registers())).isEqualTo(union);
    }
}
