package io.firelake.speed.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;

/**
 * Builds the DynamoDB client once. On AWS: default credential chain and region (Lambda sets AWS_REGION). With an
 * endpoint (DynamoDB Local): loopback, the obviously fake local credentials and us-east-1 unless a region is given.
 */
public final class DynamoDbClients {

    /** DynamoDB Local 2.x accepts only letters and digits in an access key id, so not "firelake-local". */
    public static final String LOCAL_ACCESS_KEY = "firelakelocal";
    public static final String LOCAL_SECRET_KEY = "firelake-local-secret";
    public static final String LOCAL_REGION = "us-east-1";

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(String endpoint) {
        return create(endpoint, null);
    }

    public static DynamoDbClient create(String endpoint, String region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.of(region == null ? LOCAL_REGION : region))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY)));
        } else if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }
}
