package io.firelake.producer.kinesis;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

/**
 * Builds the Kinesis client for a run. On AWS: the default credential and region chains. Against a loopback endpoint
 * (kinesalite) with no credentials configured: the project's obviously fake local credentials, region us-east-1.
 * The SDK's own retries are off: the sender retries only the failed entries, with its own backoff, and counts them.
 * JSON is used instead of CBOR, which kinesalite cannot read and real Kinesis accepts too.
 */
public final class KinesisClients {

    public static final String LOCAL_ACCESS_KEY_ID = "firelake-local";
    public static final String LOCAL_SECRET_ACCESS_KEY = "firelake-local-secret";
    public static final Region LOCAL_REGION = Region.US_EAST_1;

    private KinesisClients() {
    }

    /**
     * @param endpoint       null for the regional AWS endpoint
     * @param region         null for the default region chain (us-east-1 for a loopback endpoint)
     * @param maxConcurrency HTTP connections, at least the sender's in-flight window
     */
    public static KinesisAsyncClient create(URI endpoint, String region, int maxConcurrency) {
        return create(endpoint, region, maxConcurrency, SdkEventLoopGroup.builder().numberOfThreads(2).build());
    }

    /**
     * As {@link #create(URI, String, int)}, on the caller's Netty event loops: the caller shuts them down, and can do
     * it without the two-second quiet period the SDK waits for when it owns them.
     */
    public static KinesisAsyncClient create(URI endpoint, String region, int maxConcurrency,
                                            SdkEventLoopGroup eventLoops) {
        System.setProperty("aws.cborEnabled", "false");
        boolean local = endpoint != null && isLoopback(endpoint);
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder()
                .credentialsProvider(credentials(local))
                .region(region(region, local))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoops)
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(Math.max(2, maxConcurrency))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(boolean local) {
        if (!local) {
            return DefaultCredentialsProvider.builder().build();
        }
        // Only what a developer configures on purpose; the instance metadata lookups of the full chain would cost
        // seconds on a laptop before failing.
        AwsCredentialsProviderChain configured = AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create())
                .reuseLastProviderEnabled(true)
                .build();
        try {
            configured.resolveCredentials();
            return configured;
        } catch (SdkClientException noneConfigured) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY));
        }
    }

    private static Region region(String region, boolean local) {
        if (region != null && !region.isBlank()) {
            return Region.of(region);
        }
        if (local) {
            return LOCAL_REGION;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("no AWS region configured: pass --region or set AWS_REGION", e);
        }
    }

    public static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
