package io.firelake.local.eventsource;

import java.util.concurrent.atomic.AtomicLong;

/** What one shard's poller did, for status lines and tests. */
final class ShardCounters {
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong recordsDiscarded = new AtomicLong();
    final AtomicLong windowsClosed = new AtomicLong();
}
