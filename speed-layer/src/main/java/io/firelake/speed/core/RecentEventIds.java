package io.firelake.speed.core;

/**
 * The event ids (as 64-bit hashes) of the last {@link #CAPACITY} events of one shard's window, to drop exact
 * duplicates: a producer that retries a PutRecords whose answer it lost sends the same event again, usually moments
 * later and, keyed by session, to the same shard. Bounded so that the window state stays small (16 KiB of hashes); a
 * duplicate further back, or in another window, is counted twice here and removed by the batch layer's de-duplication.
 *
 * <p>A ring of the ids in arrival order plus an open-addressing table (linear probing, backward-shift deletion) over
 * primitive longs: a boxed HashSet cost as much as the rest of the aggregation.
 */
public final class RecentEventIds {

    public static final int CAPACITY = 2048;
    private static final int TABLE_SIZE = CAPACITY * 4; // load factor at most 1/4: short probe runs
    private static final int MASK = TABLE_SIZE - 1;

    private final long[] ring = new long[CAPACITY];
    private final long[] table = new long[TABLE_SIZE];
    private final boolean[] used = new boolean[TABLE_SIZE];
    private int size;
    private int next;

    /** Records the id; false when it is among the recent ones already (a duplicate). */
    boolean add(long eventIdHash) {
        int slot = slot(eventIdHash);
        while (used[slot]) {
            if (table[slot] == eventIdHash) {
                return false;
            }
            slot = (slot + 1) & MASK;
        }
        if (size == CAPACITY) {
            remove(ring[next]);
            slot = slot(eventIdHash); // the removal may have shifted entries
            while (used[slot]) {
                slot = (slot + 1) & MASK;
            }
        } else {
            size++;
        }
        used[slot] = true;
        table[slot] = eventIdHash;
        ring[next] = eventIdHash;
        next = (next + 1) % CAPACITY;
        return true;
    }

    private void remove(long eventIdHash) {
        int slot = slot(eventIdHash);
        while (used[slot] && table[slot] != eventIdHash) {
            slot = (slot + 1) & MASK;
        }
        if (!used[slot]) {
            return;
        }
        // backward-shift deletion: move later entries of the run into the hole so lookups never stop early
        int hole = slot;
        int probe = (hole + 1) & MASK;
        while (used[probe]) {
            int home = slot(table[probe]);
            boolean movable = hole <= probe ? (home <= hole || home > probe) : (home <= hole && home > probe);
            if (movable) {
                table[hole] = table[probe];
                used[hole] = true;
                hole = probe;
            }
            probe = (probe + 1) & MASK;
        }
        used[hole] = false;
    }

    /**
     * The 64-bit hash of an event id kept here: FNV-1a over the UTF-16 chars, then the MurmurHash3 finaliser (FNV alone
     * leaves the high bits poorly mixed for short keys). Window state written by earlier versions holds these hashes,
     * so the function must not change.
     */
    static long hash(String eventId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            char c = eventId.charAt(i);
            h ^= c & 0xFF;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static int slot(long hash) {
        return (int) (hash ^ (hash >>> 32)) & MASK;
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
