package io.firelake.speed.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventIdsTest {

    /** Against a plain reference (a queue and a set), with ids drawn from a small range so repeats and evictions mix. */
    @Test
    void behavesLikeABoundedSetOfTheMostRecentIds() {
        RecentEventIds recent = new RecentEventIds();
        ArrayDeque<Long> order = new ArrayDeque<>();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 60_000; i++) {
            // clustered low bits on purpose: long probe runs exercise the backward-shift deletion
            long id = (random.nextInt(6_000) * 8192L) + (random.nextBoolean() ? 0 : random.nextInt(4));
            boolean expectedNew = !reference.contains(id);
            if (recent.add(id) != expectedNew) {
                throw new AssertionError("id " + id + " at step " + i + ": expected new=" + expectedNew);
            }
            if (expectedNew) {
                order.addLast(id);
                reference.add(id);
                if (order.size() > RecentEventIds.CAPACITY) {
                    reference.remove(order.removeFirst());
                }
            }
        }
        assertThat(recent.toArray()).containsExactly(order.stream().mapToLong(Long::longValue).toArray());
    }
}
