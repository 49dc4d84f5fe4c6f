package io.firelake.speed.core;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Page-view counts bounded to {@link #CAPACITY} pages with the Space-Saving algorithm (Metwally, Agrawal and El Abbadi,
 * 2005): when a new page arrives and the table is full, it replaces the page with the smallest count and inherits
 * that count plus one. Every page seen more than total / CAPACITY times is kept, and a kept count overestimates the
 * true one by at most the count it inherited, which is why counts are exact as long as a minute of one shard's window
 * sees no more than CAPACITY distinct pages.
 */
public final class TopPages {

    public static final int CAPACITY = 50;

    private final HashMap<String, long[]> counts = new HashMap<>();

    public void add(String page, long views) {
        long[] count = counts.get(page);
        if (count != null) {
            count[0] += views;
            return;
        }
        if (counts.size() < CAPACITY) {
            counts.put(page, new long[] {views});
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
        counts.put(page, new long[] {smallestCount + views});
    }

    public int size() {
        return counts.size();
    }

    /** Counts by page, highest first (ties by page), at most CAPACITY entries. */
    public Map<String, Long> toMap() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()[0]));
        return sorted;
    }
}
