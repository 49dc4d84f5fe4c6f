package io.firelake.speed.core;

/** The values of one event being read: a mutable scratch whose arrays become the {@link Event}. */
final class Reading {

    final String[] text;
    final long[] numbers;
    long present;
    int topLevelFields;
    boolean healthCheck;

    /** @param width fields then the products of sums with {@code times} (see {@link AggregatePlan#products()}) */
    Reading(int fields, int width) {
        this.text = new String[fields];
        this.numbers = new long[width];
    }

    boolean has(int slot) {
        return (present >>> slot & 1L) != 0;
    }

    void set(int slot) {
        present |= 1L << slot;
    }
}
