package io.firelake.speed.core;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of a field's values (a {@code top_k} aggregate: pages viewed, say) bounded to {@code capacity} values with the Space-Saving algorithm (Metwally, Agrawal and El Abbadi,
 * 2005): when a new value arrives and the table is full, it replaces the value with the smallest count and inherits
 * that count plus one. Every value seen more than total / capacity times is kept, and a kept count overestimates the
 * true one by at most the count it inherited, which is why counts are exact as long as a minute of one shard's window
 * sees no more than capacity distinct values.
 */
public final class TopK {

    private final int capacity;
    private final HashMap<String, long[]> counts = new HashMap<>();

    public TopK(int capacity) {
        this.capacity = capacity;
    }

    public void add(String value, long count) {
        long[] held = counts.get(value);
        if (held != null) {
            held[0] += count;
            return;
        }
        if (counts.size() < capacity) {
            counts.put(value, new long[] {count});
            return;
        }
        String smallest = null;
        long smallestCount = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            long c = entry.getValue()[0];
            if (c < smallestCount || (c == smallestCount && entry.getKey().compareTo(smallest) < 0)) {
                smallest = entry.getKey();
                smallestCount = c;
            }
        }
        counts.remove(smallest);
        counts.put(value, new long[] {smallestCount + count});
    }

    public int size() {
        return counts.size();
    }

    /** Counts by value, highest first (ties by value), at most capacity entries. */
    public Map<String, Long> toMap() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()[0]));
        return sorted;
    }
}
