package io.firelake.speed.core;

/**
 * Where windows' aggregates go (DynamoDB in production and locally).
 *
 * <p>Contract: writing the same window twice leaves the same items (a redelivered window or a retried final invocation
 * must not double count). Each item is owned by exactly one (shard, window, first sequence number), so an
 * implementation writes whole values (never increments) and keeps the write covering the furthest sequence number.
 */
public interface AggregateStore {

    /** Writes the window's items; throws when a retry of the invocation may succeed (the write is idempotent). */
    WriteReport write(WindowOutput output);

    /**
     * @param written        items written now
     * @param alreadyPresent items skipped because an earlier delivery of the same window had written them
     */
    record WriteReport(int written, int alreadyPresent) {
    }
}
