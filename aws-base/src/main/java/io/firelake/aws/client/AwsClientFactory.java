package io.firelake.aws.client;

import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/**
 * The one place SDK clients are configured: it sets the endpoint, region, credentials, SDK retry strategy and HTTP
 * client of a builder the caller passes, for any service, and the caller builds it. Generic over the SDK's builders,
 * so this module needs no service client: each module brings the services it uses.
 *
 * <pre>{@code
 * KinesisClient kinesis = AwsClientFactory.of(ClientSettings.localEngine(endpoint))
 *         .sync(KinesisClient.builder(), SyncHttp.apache(16)).build();
 * }</pre>
 *
 * <p>Against a local endpoint Kinesis clients speak JSON, not CBOR, which kinesalite cannot read: the SDK reads
 * {@code aws.cborEnabled} when a Kinesis client is built, so it is set here, before the caller builds (real Kinesis
 * accepts JSON too, so a process that talks to both loses nothing).
 */
public final class AwsClientFactory {

    private final ClientSettings settings;

    private AwsClientFactory(ClientSettings settings) {
        this.settings = settings;
    }

    public static AwsClientFactory of(ClientSettings settings) {
        return new AwsClientFactory(settings);
    }

    public ClientSettings settings() {
        return settings;
    }

    /** A synchronous client's builder, configured. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B sync(B builder, SyncHttp http) {
        configure(builder);
        builder.httpClientBuilder(http.builder());
        return builder;
    }

    /** An asynchronous client's builder, configured. */
    public <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> B async(B builder, AsyncHttp http) {
        configure(builder);
        builder.httpClientBuilder(http.builder());
        return builder;
    }

    /**
     * An S3 client's builder, configured, and for a local endpoint (S3Proxy) path-style addressing (one host serves
     * every bucket) and checksums only where S3 requires them (S3Proxy does not know the newer trailing checksums).
     */
    public <B extends S3BaseClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B s3(B builder, SyncHttp http) {
        sync(builder, http);
        if (settings.endpoint().isPresent()) {
            builder.forcePathStyle(true);
        }
        if (settings.local()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder;
    }

    private <B extends AwsClientBuilder<B, C>, C> void configure(B builder) {
        if (settings.local()) {
            System.setProperty("aws.cborEnabled", "false");
        }
        settings.endpoint().ifPresent(builder::endpointOverride);
        builder.region(region());
        switch (settings.credentials()) {
            case FAKE -> builder.credentialsProvider(LocalCredentials.fake());
            case CONFIGURED_OR_FAKE -> builder.credentialsProvider(LocalCredentials.configuredOrFake());
            case DEFAULT_CHAIN -> { } // the SDK's own default, resolved lazily by the client
        }
        if (settings.sdkRetryStrategy().isPresent() || settings.apiCallAttemptTimeout().isPresent()) {
            builder.overrideConfiguration(o -> {
                settings.sdkRetryStrategy().ifPresent(o::retryStrategy);
                settings.apiCallAttemptTimeout().ifPresent(o::apiCallAttemptTimeout);
            });
        }
    }

    private Region region() {
        if (settings.region().isPresent()) {
            return settings.region().get();
        }
        if (settings.local()) {
            return LocalCredentials.REGION;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new NoRegionException(e);
        }
    }
}
