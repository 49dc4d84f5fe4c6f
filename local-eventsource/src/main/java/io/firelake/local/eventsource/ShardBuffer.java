package io.firelake.local.eventsource;

import software.amazon.awssdk.services.kinesis.model.Record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The records of one shard read but not yet processed, in shard order, with when each was read. */
final class ShardBuffer {

    record Buffered(Record record, long fetchedAtMillis) {
        long arrivalMillis() {
            return record.approximateArrivalTimestamp().toEpochMilli();
        }
    }

    private final ArrayDeque<Buffered> records = new ArrayDeque<>();

    void add(List<Record> read, long fetchedAtMillis) {
        for (Record record : read) {
            records.add(new Buffered(record, fetchedAtMillis));
        }
    }

    int size() {
        return records.size();
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    Buffered first() {
        return records.peekFirst();
    }

    void removeFirst(int count) {
        for (int i = 0; i < count; i++) {
            records.removeFirst();
        }
    }

    /** The records at the head that arrived before {@code oldestAllowedMillis}. */
    List<Buffered> arrivedBefore(long oldestAllowedMillis) {
        List<Buffered> old = new ArrayList<>();
        for (Buffered buffered : records) {
            if (buffered.arrivalMillis() >= oldestAllowedMillis) {
                break;
            }
            old.add(buffered);
        }
        return old;
    }

    /** Whether a record that arrived at or after {@code millis} is buffered. */
    boolean anyArrivedFrom(long millis) {
        for (Buffered buffered : records) {
            if (buffered.arrivalMillis() >= millis) {
                return true;
            }
        }
        return false;
    }

    /** How many buffered records arrived before {@code endMillis}: those of a window ending there. */
    int countArrivedBefore(long endMillis) {
        int count = 0;
        for (Buffered buffered : records) {
            if (buffered.arrivalMillis() >= endMillis) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * The next batch from the head: at most {@code limit} records, at most {@code maxPayloadBytes} of event (at least
     * one record), none that arrived at or after {@code endMillis} (a window's end; Long.MAX_VALUE without one).
     */
    List<Buffered> nextBatch(int limit, long endMillis, long maxPayloadBytes) {
        List<Buffered> batch = new ArrayList<>();
        long bytes = 0;
        for (Buffered buffered : records) {
            if (batch.size() >= limit || buffered.arrivalMillis() >= endMillis) {
                break;
            }
            long size = KinesisEventJson.approximateSize(buffered.record());
            if (!batch.isEmpty() && bytes + size > maxPayloadBytes) {
                break;
            }
            bytes += size;
            batch.add(buffered);
        }
        return batch;
    }
}
