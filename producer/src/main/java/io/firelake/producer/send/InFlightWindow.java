package io.firelake.producer.send;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code maxInFlight} PutRecords requests outstanding (the rate limiting strategy of Flink's
 * {@code AsyncSinkWriter} plays this part): a caller waits for a free slot, which bounds memory and the load one
 * producer puts on the stream. A request holds its slot until every record in it is settled, through the SDK's
 * retries of the whole request and the sender's resubmissions of its failed entries, so retries never wait behind
 * new records for a slot.
 */
final class InFlightWindow {

    /** The slot of one request and its resubmissions. */
    final class Slot {
        private final AtomicInteger unsettled;
        /** Resubmissions of failed entries so far, which sets the next backoff. */
        int resubmissions;

        private Slot(int records) {
            this.unsettled = new AtomicInteger(records);
        }

        /** {@code records} more records are delivered or failed for good; the last one frees the slot. */
        void settled(int records) {
            if (unsettled.addAndGet(-records) == 0) {
                slots.release();
            }
        }
    }

    private final int size;
    private final Semaphore slots;

    InFlightWindow(int maxInFlight) {
        this.size = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
    }

    /** Waits for a free slot and takes it for a request of {@code records} user records. */
    Slot acquire(int records) throws InterruptedException {
        slots.acquire();
        return new Slot(records);
    }

    /** Waits until no request is in flight. */
    void awaitIdle() throws InterruptedException {
        slots.acquire(size);
        slots.release(size);
    }
}
