package io.firelake.transform.enrich;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was computed for the first {@code capacity} distinct texts (referrers, their hosts, page URLs), looked up by a
 * {@link SampledKey}; past that, new texts are computed every time and not added, which bounds memory without the
 * bookkeeping of an LRU. Thread-safe.
 */
final class FirstSeen<V> {

    private final int capacity;
    private final ConcurrentHashMap<SampledKey, V> seen = new ConcurrentHashMap<>();

    FirstSeen(int capacity) {
        this.capacity = capacity;
    }

    V get(String text, Function<String, V> compute) {
        SampledKey key = new SampledKey(text);
        V value = seen.get(key);
        if (value == null) {
            value = compute.apply(text);
            if (seen.size() < capacity) {
                seen.put(key, value);
            }
        }
        return value;
    }
}
