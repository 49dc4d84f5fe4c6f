package io.firelake.transform;

import io.firelake.events.EventContract;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.enrich.UserAgentClassifier;
import io.firelake.transform.validate.RecordValidator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The production wiring with a fixed clock; the user-agent regexes load once for the whole test run. */
public final class TestPipeline {

    /** 2026-11-22T03:10:00Z: the fixtures' processing time. */
    public static final Instant NOW = Instant.parse("2026-11-22T03:10:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static UserAgentClassifier userAgents;

    private TestPipeline() {
    }

    public static synchronized UserAgentClassifier userAgents() {
        if (userAgents == null) {
            userAgents = new UserAgentClassifier();
        }
        return userAgents;
    }

    public static FirehoseTransformHandler handler() {
        return new FirehoseTransformHandler(components());
    }

    static FirehoseTransformHandler.Components components() {
        return FirehoseTransformHandler.Components.of(EventContract.clickstream(), RecordValidator.clickstream(CLOCK),
                userAgents(), CLOCK);
    }

    public static TransformBatch batch() {
        return components().batch();
    }

    public static TransformBatch batch(long maxResponseBytes) {
        TransformBatch batch = batch();
        return new TransformBatch(batch.transformer(), CLOCK::millis, maxResponseBytes);
    }
}
