package io.firelake.producer.sdk;

import io.firelake.aws.client.AsyncHttp;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.producer.send.SenderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The async SDK client a sink sends through: its own, built by aws-base's client factory with connections for the
 * sender's in-flight window and two event loops that close without the SDK's quiet period, or a caller's, which the
 * caller closes.
 */
public final class SinkClient<C extends SdkAutoCloseable> implements AutoCloseable {

    /** How long one attempt of a request may take before the SDK gives it up (and retries it). */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final C client;
    private final SdkEventLoopGroup eventLoops;

    private SinkClient(C client, SdkEventLoopGroup eventLoops) {
        this.client = client;
        this.eventLoops = eventLoops;
    }

    /** The caller's client, left open on {@link #close()}. */
    public static <C extends SdkAutoCloseable> SinkClient<C> borrowed(C client) {
        return new SinkClient<>(client, null);
    }

    /**
     * A client of its own for this endpoint (null on AWS) and region (null for the default chain). The client has no
     * SDK retries of its own: each request carries its strategy ({@link PutRecordsRetries}), tied to the sender's
     * attempts and backoff, so that every attempt of a record is counted.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C extends SdkAutoCloseable>
            SinkClient<C> open(B builder, URI endpoint, String region, SenderSettings settings) {
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).build();
        C client = AwsClientFactory.of(ClientSettings.forEndpoint(endpoint, region).withoutSdkRetries()
                .withApiCallAttemptTimeout(ATTEMPT_TIMEOUT)).async(builder,
                AsyncHttp.netty(settings.maxInFlight() + 2).withEventLoops(eventLoops)).build();
        return new SinkClient<>(client, eventLoops);
    }

    public C client() {
        return client;
    }

    @Override
    public void close() {
        if (eventLoops == null) {
            return;
        }
        client.close();
        // Every request has completed by now: no quiet period is needed.
        eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
