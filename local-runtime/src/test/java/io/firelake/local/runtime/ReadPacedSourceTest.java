package io.firelake.local.runtime;

import io.firelake.producer.model.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadPacedSourceTest {

    private static Iterator<ProducerRecord> records(long n) {
        return LongStream.range(0, n).mapToObj(i -> new ProducerRecord(new byte[]{1}, "k" + i, "page_view", "e" + i))
                .iterator();
    }

    @Test
    void handsOnWithoutWaitingWhileTheReaderKeepsUp() {
        AtomicLong read = new AtomicLong();
        ReadPacedSource paced = new ReadPacedSource(records(5_000), read::get, 1_000, Duration.ofSeconds(10));
        long handed = 0;
        while (paced.hasNext()) {
            paced.next();
            handed++;
            read.set(handed);
        }
        assertThat(handed).isEqualTo(5_000);
        assertThat(paced.waited()).isZero();
        assertThat(paced.stalled()).isFalse();
    }

    @Test
    void neverHandsOnMoreThanTheBoundUnread() throws Exception {
        AtomicLong read = new AtomicLong();
        ReadPacedSource paced = new ReadPacedSource(records(3_000), read::get, 1_000, Duration.ofSeconds(10));
        AtomicLong handed = new AtomicLong();
        Thread producer = new Thread(() -> {
            while (paced.hasNext()) {
                paced.next();
                handed.incrementAndGet();
            }
        });
        producer.start();
        holdsAt(handed, 1_000);
        read.set(1_500);
        holdsAt(handed, 2_500);
        read.set(3_000);
        producer.join(10_000);
        assertThat(handed.get()).isEqualTo(3_000);
        assertThat(paced.waited()).isPositive();
    }

    /** The producer reaches {@code bound} (however slow the machine) and then stays there while nothing is read. */
    private static void holdsAt(AtomicLong handed, long bound) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handed.get() < bound && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(handed.get()).isEqualTo(bound);
    }

    @Test
    void recordsTheProducerGaveUpOnDoNotCountAsUnread() throws Exception {
        AtomicLong read = new AtomicLong();
        ReadPacedSource paced = new ReadPacedSource(records(2_000), read::get, 1_000, Duration.ofSeconds(10));
        for (int i = 0; i < 1_000; i++) {
            paced.failed(paced.next(), "ValidationException", "too big", 1);
        }
        for (int i = 0; i < 1_000; i++) {
            paced.next();
        }
        assertThat(paced.hasNext()).isFalse();
        assertThat(paced.waited()).isZero();
    }

    @Test
    void stopsPacingWhenTheReaderStandsStill() {
        ReadPacedSource paced = new ReadPacedSource(records(3_000), () -> 0, 1_000, Duration.ofMillis(100));
        while (paced.hasNext()) {
            paced.next();
        }
        assertThat(paced.stalled()).isTrue();
        assertThat(paced.describe()).contains("pacing stopped");
    }

    @Test
    void refusesABoundSmallerThanItsCheckInterval() {
        assertThatThrownBy(() -> new ReadPacedSource(records(1), () -> 0, 10, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 500");
    }
}
