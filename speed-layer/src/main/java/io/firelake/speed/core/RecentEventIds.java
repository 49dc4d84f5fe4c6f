package io.firelake.speed.core;

import java.util.HashSet;

/**
 * The event ids (as 64-bit hashes) of the last {@link #CAPACITY} events of one shard's window, to drop exact
 * duplicates: a producer that retries a PutRecords whose answer it lost sends the same event again, usually moments
 * later and, keyed by session, to the same shard. Bounded so that the window state stays small (16 KiB of hashes); a
 * duplicate further back, or in another window, is counted twice here and removed by the batch layer's de-duplication.
 */
final class RecentEventIds {

    static final int CAPACITY = 2048;

    private final long[] ring = new long[CAPACITY];
    private final HashSet<Long> present = new HashSet<>(CAPACITY * 2);
    private int size;
    private int next;

    /** Records the id; false when it is among the recent ones already (a duplicate). */
    boolean add(long eventIdHash) {
        if (!present.add(eventIdHash)) {
            return false;
        }
        if (size == CAPACITY) {
            present.remove(ring[next]);
        } else {
            size++;
        }
        ring[next] = eventIdHash;
        next = (next + 1) % CAPACITY;
        return true;
    }

    int size() {
        return size;
    }

    /** Oldest first. */
    long[] toArray() {
        long[] out = new long[size];
        int start = size == CAPACITY ? next : 0;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % CAPACITY];
        }
        return out;
    }
}
