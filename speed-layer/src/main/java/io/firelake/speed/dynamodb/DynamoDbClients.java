package io.firelake.speed.dynamodb;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client once, by the one client factory: on AWS the default credential chain and region (Lambda
 * sets AWS_REGION); with a loopback endpoint (DynamoDB Local) the local credentials and us-east-1 unless a region is
 * given. The URL connection client: the only HTTP client in the Lambda jar, the fastest to start.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(String endpoint) {
        return create(endpoint, null);
    }

    /** @param endpoint null or blank for AWS */
    public static DynamoDbClient create(String endpoint, String region) {
        return AwsClientFactory.of(ClientSettings.forEndpoint(endpoint, region))
                .sync(DynamoDbClient.builder(), SyncHttp.urlConnection()).build();
    }
}
