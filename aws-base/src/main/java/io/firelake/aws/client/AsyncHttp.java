package io.firelake.aws.client;

import java.time.Duration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/** The HTTP client of an asynchronous SDK client. */
public sealed interface AsyncHttp permits AsyncHttp.Netty {

    /** How long a request may wait for a free connection when all are busy: a full in-flight window waits, not fails. */
    Duration DEFAULT_CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(60);

    SdkAsyncHttpClient.Builder<?> builder();

    static Netty netty(int maxConcurrency) {
        return new Netty(maxConcurrency, null);
    }

    /**
     * Netty over HTTP/1.1: the async clients default to HTTP/2, which kinesalite does not speak over plain HTTP, and
     * PutRecords or GetRecords gain nothing from it on AWS (only SubscribeToShard needs HTTP/2).
     *
     * @param eventLoops the caller's event loops (it shuts them down, without the SDK's two-second quiet period), or
     *                   null for the SDK's own
     */
    record Netty(int maxConcurrency, SdkEventLoopGroup eventLoops) implements AsyncHttp {

        public Netty withEventLoops(SdkEventLoopGroup value) {
            return new Netty(maxConcurrency, value);
        }

        @Override
        public SdkAsyncHttpClient.Builder<?> builder() {
            NettyNioAsyncHttpClient.Builder builder = NettyNioAsyncHttpClient.builder()
                    .protocol(Protocol.HTTP1_1)
                    .maxConcurrency(maxConcurrency)
                    .connectionAcquisitionTimeout(DEFAULT_CONNECTION_ACQUISITION_TIMEOUT);
            if (eventLoops != null) {
                builder.eventLoopGroup(eventLoops);
            }
            return builder;
        }
    }
}
