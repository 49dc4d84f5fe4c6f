package io.firelake.local.engines;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS SDK v2 clients pointed at a local engine, with obviously fake static credentials and region us-east-1: the same
 * client types the AWS code uses, only the endpoint differs.
 *
 * <p>Kinesis clients speak JSON, not CBOR (kinesalite cannot read CBOR): the SDK reads {@code aws.cborEnabled} when a
 * client is built, so every Kinesis factory here sets it first. The async Kinesis client defaults to HTTP/2, which
 * kinesalite does not speak over plain HTTP: it is forced to HTTP/1.1.
 */
public final class LocalAws {

    public static final String ACCESS_KEY_ID = "firelake-local";
    public static final String SECRET_ACCESS_KEY = "firelake-local-secret";
    /** DynamoDB Local 2.x rejects access keys with anything but letters and digits, so it gets its own fake key. */
    public static final String DYNAMODB_LOCAL_ACCESS_KEY_ID = "firelakelocal";
    public static final Region REGION = Region.US_EAST_1;

    private LocalAws() {
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** The fake credentials DynamoDB Local accepts (letters and digits only in the key id). */
    public static AwsCredentialsProvider dynamoDbLocalCredentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(DYNAMODB_LOCAL_ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /** Must run before a Kinesis client is built against kinesalite; real Kinesis accepts JSON too. */
    public static void disableCbor() {
        System.setProperty("aws.cborEnabled", "false");
    }

    public static KinesisClient kinesis(URI endpoint) {
        disableCbor();
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
                .build();
    }

    public static KinesisAsyncClient kinesisAsync(URI endpoint) {
        return kinesisAsync(endpoint, 32);
    }

    public static KinesisAsyncClient kinesisAsync(URI endpoint, int maxConcurrency) {
        disableCbor();
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(maxConcurrency)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Path-style addressing: S3Proxy serves every bucket on one host. */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
                .build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(dynamoDbLocalCredentials())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
                .build();
    }
}
