package io.firelake.monitoring.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the SDK clients once per command. With an endpoint (the local runtime or a test stub) every client goes to
 * it with the obviously fake local credentials; without one, the default credential chain and region apply.
 */
public final class AwsClients {
    public static final String LOCAL_ACCESS_KEY = "firelake-local";
    public static final String LOCAL_SECRET_KEY = "firelake-local-secret";
    public static final Region DEFAULT_LOCAL_REGION = Region.US_EAST_1;

    private final Optional<URI> endpoint;
    private final Optional<Region> region;

    public AwsClients(Optional<URI> endpoint, Optional<Region> region) {
        this.endpoint = endpoint;
        this.region = region;
        // kinesalite speaks JSON, not CBOR; real Kinesis accepts JSON too, so one setting serves both.
        System.setProperty("aws.cborEnabled", "false");
    }

    private AwsCredentialsProvider credentials() {
        return endpoint.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY))
                : DefaultCredentialsProvider.builder().build();
    }

    private Region regionOrDefault() {
        return region.orElse(endpoint.isPresent() ? DEFAULT_LOCAL_REGION : null);
    }

    public CloudWatchClient cloudWatch() {
        var builder = CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials());
        endpoint.ifPresent(builder::endpointOverride);
        Optional.ofNullable(regionOrDefault()).ifPresent(builder::region);
        return builder.build();
    }

    public FirehoseClient firehose() {
        var builder = FirehoseClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials());
        endpoint.ifPresent(builder::endpointOverride);
        Optional.ofNullable(regionOrDefault()).ifPresent(builder::region);
        return builder.build();
    }

    /** Path-style addressing: a loopback endpoint has no bucket subdomains. */
    public S3Client s3() {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials())
                .forcePathStyle(endpoint.isPresent());
        endpoint.ifPresent(builder::endpointOverride);
        Optional.ofNullable(regionOrDefault()).ifPresent(builder::region);
        return builder.build();
    }

    public KinesisClient kinesis() {
        var builder = KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials());
        endpoint.ifPresent(builder::endpointOverride);
        Optional.ofNullable(regionOrDefault()).ifPresent(builder::region);
        return builder.build();
    }
}
