package io.firelake.producer.generate;

import io.firelake.producer.model.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The recent valid records a simulator may send again as duplicates: a small random sample (reservoir), drawn from the
 * simulator's own {@link Random} so a seed still gives the same run.
 */
final class RecentRecords {

    private static final int SIZE = 32;

    private final List<ProducerRecord> recent = new ArrayList<>();
    private final Random random;

    RecentRecords(Random random) {
        this.random = random;
    }

    void remember(ProducerRecord record) {
        if (recent.size() < SIZE) {
            recent.add(record);
        } else {
            recent.set(random.nextInt(SIZE), record);
        }
    }

    /** A copy of a recent valid record marked as a duplicate, or null before there is one. */
    ProducerRecord duplicate() {
        if (recent.isEmpty()) {
            return null;
        }
        ProducerRecord original = recent.get(random.nextInt(recent.size()));
        return new ProducerRecord(original.data(), original.partitionKey(), FaultKind.DUPLICATE.label(),
                original.eventId());
    }
}
