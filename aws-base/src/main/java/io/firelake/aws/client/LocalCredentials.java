package io.firelake.aws.client;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * The obviously fake credentials and the region every local engine (kinesalite, S3Proxy, DynamoDB Local) is spoken to
 * with. One pair serves all three: kinesalite and S3Proxy accept any, and DynamoDB Local 2.x rejects an access key id
 * with anything but letters and digits, so the key id has none.
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY_ID = "firelakelocal";
    public static final String SECRET_ACCESS_KEY = "firelake-local-secret";
    public static final Region REGION = Region.US_EAST_1;

    private LocalCredentials() {
    }

    public static AwsCredentialsProvider fake() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * What a developer configured on purpose (system properties, environment, profile file), else the fake ones. Not
     * the full default chain: its instance-metadata lookups cost seconds on a laptop before failing.
     */
    public static AwsCredentialsProvider configuredOrFake() {
        AwsCredentialsProviderChain configured = AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create())
                .reuseLastProviderEnabled(true)
                .build();
        try {
            configured.resolveCredentials();
            return configured;
        } catch (SdkClientException noneConfigured) {
            return fake();
        }
    }
}
