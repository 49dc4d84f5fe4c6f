package io.firelake.monitoring.aws;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Optional;

/**
 * The SDK clients of one command, built by the one client factory with the endpoint and region the user gave (see
 * {@link ClientSettings#forEndpoint}): the local endpoint on loopback, else AWS. One-shot commands use
 * the URL connection client, which starts fastest.
 */
public final class AwsClients {

    private final AwsClientFactory factory;

    public AwsClients(Optional<URI> endpoint, Optional<Region> region) {
        this.factory = AwsClientFactory.of(ClientSettings.forEndpoint(endpoint.orElse(null),
                region.map(Region::id).orElse(null)));
    }

    public CloudWatchClient cloudWatch() {
        return factory.sync(CloudWatchClient.builder(), SyncHttp.urlConnection()).build();
    }

    public FirehoseClient firehose() {
        return factory.sync(FirehoseClient.builder(), SyncHttp.urlConnection()).build();
    }

    public S3Client s3() {
        return factory.s3(S3Client.builder(), SyncHttp.urlConnection()).build();
    }

    public KinesisClient kinesis() {
        return factory.sync(KinesisClient.builder(), SyncHttp.urlConnection()).build();
    }
}
