package io.firelake.local.runtime;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Kinesis stream helpers for the local engines. */
public final class Streams {

    private Streams() {
    }

    /**
     * Waits until the stream is ACTIVE. kinesalite activates streams at once here; the SDK waiter would still sleep
     * its 10 s default between checks.
     */
    public static void awaitActive(KinesisClient kinesis, String stream) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                        == StreamStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException notYet) {
                // creation is asynchronous
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for stream " + stream, e);
            }
        }
        throw new IllegalStateException("stream " + stream + " did not become ACTIVE within 30 s");
    }
}
