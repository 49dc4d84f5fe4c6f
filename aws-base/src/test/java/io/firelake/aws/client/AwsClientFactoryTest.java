package io.firelake.aws.client;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** What the factory sets on a builder, read back from the built clients' own configuration. */
class AwsClientFactoryTest {

    private static final URI LOCAL = URI.create("http://127.0.0.1:4567");

    @AfterEach
    void clearProperties() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aLocalEngineGetsTheFakeCredentialsUsEast1AndJsonForKinesis() {
        System.clearProperty("aws.cborEnabled");
        try (KinesisClient kinesis = AwsClientFactory.of(ClientSettings.localEngine(LOCAL))
                .sync(KinesisClient.builder(), SyncHttp.apache(4)).build()) {
            var configuration = kinesis.serviceClientConfiguration();
            assertThat(configuration.endpointOverride()).contains(LOCAL);
            assertThat(configuration.region()).isEqualTo(Region.US_EAST_1);
            AwsCredentialsIdentity identity = configuration.credentialsProvider().resolveIdentity().join();
            assertThat(identity.accessKeyId()).isEqualTo(LocalCredentials.ACCESS_KEY_ID)
                    .as("DynamoDB Local accepts letters and digits only").matches("[A-Za-z0-9]+");
        }
        assertThat(System.getProperty("aws.cborEnabled")).isEqualTo("false");
    }

    @Test
    void aLoopbackEndpointAUserGaveTakesConfiguredCredentialsFirst() {
        ClientSettings settings = ClientSettings.forEndpoint("http://localhost:4569", null);
        assertThat(settings.local()).isTrue();
        assertThat(settings.credentials()).isEqualTo(ClientSettings.Credentials.CONFIGURED_OR_FAKE);

        System.setProperty("aws.accessKeyId", "AKIDCONFIGURED");
        System.setProperty("aws.secretAccessKey", "configured-secret");
        try (DynamoDbClient dynamo = AwsClientFactory.of(settings)
                .sync(DynamoDbClient.builder(), SyncHttp.urlConnection()).build()) {
            assertThat(dynamo.serviceClientConfiguration().credentialsProvider().resolveIdentity().join().accessKeyId())
                    .isEqualTo("AKIDCONFIGURED");
            assertThat(dynamo.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void awsUsesTheDefaultChainAndTheRegionAsked() {
        ClientSettings settings = ClientSettings.forEndpoint((String) null, "eu-west-1");
        assertThat(settings.local()).isFalse();
        assertThat(settings.credentials()).isEqualTo(ClientSettings.Credentials.DEFAULT_CHAIN);
        try (DynamoDbClient dynamo = AwsClientFactory.of(settings)
                .sync(DynamoDbClient.builder(), SyncHttp.urlConnection()).build()) {
            assertThat(dynamo.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(dynamo.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
        ClientSettings vpcEndpoint = ClientSettings.forEndpoint("https://vpce-1.kinesis.eu-west-1.vpce.amazonaws.com",
                "eu-west-1");
        assertThat(vpcEndpoint.local()).isFalse();
        assertThat(vpcEndpoint.credentials()).isEqualTo(ClientSettings.Credentials.DEFAULT_CHAIN);
    }

    @Test
    void sdkRetriesAndAttemptTimeoutsAreTheCallersChoice() {
        ClientSettings settings = ClientSettings.localEngine(LOCAL).withoutSdkRetries()
                .withApiCallAttemptTimeout(Duration.ofSeconds(30));
        try (DynamoDbAsyncClient dynamo = AwsClientFactory.of(settings)
                .async(DynamoDbAsyncClient.builder(), AsyncHttp.netty(4)).build()) {
            var override = dynamo.serviceClientConfiguration().overrideConfiguration();
            assertThat(override.retryStrategy()).hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(1));
            assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(30));
        }
        try (DynamoDbClient dynamo = AwsClientFactory.of(ClientSettings.localEngine(LOCAL)
                .withSdkRetryStrategy(AwsRetryStrategy.standardRetryStrategy())).sync(DynamoDbClient.builder(),
                SyncHttp.urlConnection()).build()) {
            assertThat(dynamo.serviceClientConfiguration().overrideConfiguration().retryStrategy())
                    .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(3));
        }
    }

    @Test
    void s3AgainstALocalEngineIsConfiguredForS3Proxy() {
        try (S3Client s3 = AwsClientFactory.of(ClientSettings.localEngine(URI.create("http://127.0.0.1:4568")))
                .s3(S3Client.builder(), SyncHttp.apache(4)).build()) {
            // path style and WHEN_REQUIRED checksums are not readable back; S3ProxyServerTest proves them on S3Proxy
            assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:4568"));
        }
    }

    @Test
    void loopbackIsToldByTheHost() {
        assertThat(ClientSettings.isLoopback(URI.create("http://127.0.0.1:4567"))).isTrue();
        assertThat(ClientSettings.isLoopback(URI.create("http://localhost"))).isTrue();
        assertThat(ClientSettings.isLoopback(URI.create("http://[::1]:4567"))).isTrue();
        assertThat(ClientSettings.isLoopback(URI.create("https://kinesis.us-east-1.amazonaws.com.invalid"))).isFalse();
    }
}
