package io.firelake.transform.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used cache with a fixed capacity and hit/miss counters. Synchronized: a Lambda instance runs one
 * invocation at a time, so the lock is uncontended there, and correct when a benchmark or local runtime shares it.
 */
final class BoundedCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> entries;
    private long hits;
    private long misses;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** The cached value, or the computed one (computed outside the lock: parsing is the slow part). */
    V get(K key, Function<K, V> compute) {
        synchronized (this) {
            V value = entries.get(key);
            if (value != null) {
                hits++;
                return value;
            }
            misses++;
        }
        V value = compute.apply(key);
        synchronized (this) {
            entries.put(key, value);
        }
        return value;
    }

    synchronized CacheStats stats() {
        return new CacheStats(hits, misses, entries.size(), capacity);
    }

    synchronized void resetStats() {
        hits = 0;
        misses = 0;
    }
}
