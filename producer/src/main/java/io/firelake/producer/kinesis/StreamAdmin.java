package io.firelake.producer.kinesis;

import io.firelake.aws.kinesis.StreamWait;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Creates a stream when asked to (handy against a fresh local emulator) and waits until it is ACTIVE.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html">CreateStream</a>
 */
public final class StreamAdmin {

    private StreamAdmin() {
    }

    /** Creates the stream with {@code shards} shards unless it exists; returns whether it was created. */
    public static boolean createIfMissing(KinesisAsyncClient client, String stream, int shards, Duration timeout) {
        boolean created;
        try {
            client.describeStreamSummary(b -> b.streamName(stream)).join();
            created = false;
        } catch (java.util.concurrent.CompletionException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
            try {
                client.createStream(b -> b.streamName(stream).shardCount(shards)).join();
                created = true;
            } catch (java.util.concurrent.CompletionException raced) {
                if (!(raced.getCause() instanceof ResourceInUseException)) {
                    throw raced;
                }
                created = false;
            }
        }
        StreamWait.awaitActive(client, stream, timeout);
        return created;
    }
}
