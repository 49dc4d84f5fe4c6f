package io.firelake.local.engines;

import io.firelake.aws.client.AsyncHttp;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.LocalCredentials;
import io.firelake.aws.client.SyncHttp;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of the local engines, built by the one client factory ({@link AwsClientFactory}) with its local
 * rules: fake static credentials, us-east-1, JSON for kinesalite, path style for S3Proxy. The same client types the AWS
 * code uses; only the endpoint differs. Synchronous clients pool up to 16 connections.
 */
public final class LocalAws {

    public static final Region REGION = LocalCredentials.REGION;
    private static final int MAX_CONNECTIONS = 16;

    private LocalAws() {
    }

    private static AwsClientFactory factory(URI endpoint) {
        return AwsClientFactory.of(ClientSettings.localEngine(endpoint));
    }

    public static KinesisClient kinesis(URI endpoint) {
        return factory(endpoint).sync(KinesisClient.builder(), SyncHttp.apache(MAX_CONNECTIONS)).build();
    }

    public static KinesisAsyncClient kinesisAsync(URI endpoint) {
        return kinesisAsync(endpoint, 32);
    }

    public static KinesisAsyncClient kinesisAsync(URI endpoint, int maxConcurrency) {
        return factory(endpoint).async(KinesisAsyncClient.builder(), AsyncHttp.netty(maxConcurrency)).build();
    }

    public static S3Client s3(URI endpoint) {
        return factory(endpoint).s3(S3Client.builder(), SyncHttp.apache(MAX_CONNECTIONS)).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return factory(endpoint).sync(DynamoDbClient.builder(), SyncHttp.apache(MAX_CONNECTIONS)).build();
    }
}
