package io.firelake.transform.enrich;

/** Counters of the user-agent cache since start (or the last reset). */
public record CacheStats(long hits, long misses, int size, int capacity) {

    /** Hits over lookups; 0 before the first lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
