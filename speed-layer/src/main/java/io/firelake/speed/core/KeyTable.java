package io.firelake.speed.core;

import java.util.Map;

/**
 * The declared JSON keys of one object level, for the reader's hot loop: open addressing on the key's cached hash,
 * compared by identity first (the parser interns field names, and so do we), each key mapped to a field slot or to
 * the table of a nested object. Immutable.
 */
final class KeyTable {

    /** {@link #find} of a key no field reads. */
    static final int ABSENT = Integer.MIN_VALUE;

    private final String[] keys;
    private final int[] values;
    private final KeyTable[] children;
    private final int mask;

    /** @param level keys to a slot (Integer) or to the next level (a map of the same shape) */
    KeyTable(Map<String, Object> level) {
        int size = Integer.highestOneBit(Math.max(4, level.size() * 4) - 1) << 1;
        this.keys = new String[size];
        this.values = new int[size];
        this.children = new KeyTable[level.size()];
        this.mask = size - 1;
        int child = 0;
        for (Map.Entry<String, Object> entry : level.entrySet()) {
            int at = entry.getKey().hashCode() & mask;
            while (keys[at] != null) {
                at = (at + 1) & mask;
            }
            keys[at] = entry.getKey().intern();
            if (entry.getValue() instanceof Integer slot) {
                values[at] = slot;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) entry.getValue();
                children[child] = new KeyTable(next);
                values[at] = -1 - child++;
            }
        }
    }

    /** The key's slot (>= 0), a nested object's handle (< 0, for {@link #child}), or {@link #ABSENT}. */
    int find(String key) {
        int at = key.hashCode() & mask;
        String held;
        while ((held = keys[at]) != null) {
            if (held == key || held.equals(key)) {
                return values[at];
            }
            at = (at + 1) & mask;
        }
        return ABSENT;
    }

    KeyTable child(int handle) {
        return children[-1 - handle];
    }
}
