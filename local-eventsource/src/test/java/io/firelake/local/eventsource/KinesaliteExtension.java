package io.firelake.local.eventsource;

import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;

/** One kinesalite (in memory, free port) and its client for a test class, and streams made ready on it. */
public final class KinesaliteExtension implements BeforeAllCallback, AfterAllCallback {

    private Kinesalite kinesalite;
    private KinesisClient kinesis;

    @Override
    public void beforeAll(ExtensionContext context) {
        kinesalite = Kinesalite.start();
        kinesis = LocalAws.kinesis(kinesalite.endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kinesis.close();
        kinesalite.close();
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    /** Creates the stream and waits until it is ACTIVE (kinesalite activates it just after CreateStream returns). */
    public void createStream(String stream, int shards) {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        awaitActive(stream);
    }

    public void awaitActive(String stream) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(stream + " did not become ACTIVE within 30 s");
            }
            Thread.onSpinWait();
        }
    }
}
