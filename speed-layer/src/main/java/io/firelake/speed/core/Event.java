package io.firelake.speed.core;

/**
 * A valid event as the {@link DeclaredEventReader} read it: its time and id hash, and the declared fields by slot (the
 * field's position in the spec; see {@link AggregatePlan}). Arrays rather than a map: the reader fills them at the
 * cost of the old hand-written parser's fields.
 *
 * @param eventTimeMillis event time, epoch milliseconds UTC
 * @param eventIdHash     64-bit hash of the event id, to drop duplicates (see {@link RecentEventIds})
 * @param text            string fields' values (after cut_at and max_length), null when absent
 * @param numbers         numeric fields (int and long as is, decimals unscaled, doubles as their bits, booleans 0 or 1),
 *                        enum fields' value index, timestamps' millis; then the products of sums with {@code times}
 * @param present         bit i: field i has a value
 */
public record Event(long eventTimeMillis, long eventIdHash, String[] text, long[] numbers, long present) {

    public boolean has(int slot) {
        return (present >>> slot & 1L) != 0;
    }
}
