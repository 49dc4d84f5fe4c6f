package io.firelake.aws.kinesis;

import io.firelake.aws.wait.ResourceWait;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Waits until a Kinesis stream is {@code ACTIVE} after CreateStream, which answers with the stream {@code CREATING}
 * (a stream not found yet is still being created; one {@code DELETING} ends the wait). The SDK's own waiter sleeps
 * 10 s between checks; kinesalite activates a stream within a few hundred milliseconds.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html">CreateStream</a>
 */
public final class StreamWait {

    private StreamWait() {
    }

    public static void awaitActive(KinesisClient kinesis, String stream, Duration timeout) {
        await(() -> kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary(), stream,
                timeout);
    }

    public static void awaitActive(KinesisAsyncClient kinesis, String stream, Duration timeout) {
        await(() -> {
            try {
                return kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }, stream, timeout);
    }

    private static void await(Supplier<StreamDescriptionSummary> describe, String stream, Duration timeout) {
        ResourceWait.polling().until("stream " + stream, timeout, () -> {
            try {
                return Optional.of(describe.get());
            } catch (ResourceNotFoundException notYet) {
                return Optional.<StreamDescriptionSummary>empty();
            }
        }, summary -> summary.map(StreamWait::judge).orElse(new ResourceWait.Pending("not found")));
    }

    private static ResourceWait.State judge(StreamDescriptionSummary summary) {
        return switch (summary.streamStatus()) {
            case ACTIVE -> new ResourceWait.Ready();
            case DELETING -> new ResourceWait.Failed("is being deleted (DELETING)");
            default -> new ResourceWait.Pending(summary.streamStatusAsString());
        };
    }
}
