package io.firelake.local.runtime;

import io.firelake.aws.kinesis.StreamWait;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;

/** Kinesis stream helpers for the local engines. */
public final class Streams {

    /** kinesalite activates a stream within a few hundred milliseconds; this much means something is wrong. */
    public static final Duration LOCAL_ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private Streams() {
    }

    /** Waits until the stream is ACTIVE (aws-base's {@link StreamWait}), for at most 30 s. */
    public static void awaitActive(KinesisClient kinesis, String stream) {
        StreamWait.awaitActive(kinesis, stream, LOCAL_ACTIVE_TIMEOUT);
    }
}
