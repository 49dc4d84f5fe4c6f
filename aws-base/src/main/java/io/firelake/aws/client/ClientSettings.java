package io.firelake.aws.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Where an SDK client goes and who it says it is: the endpoint (the regional AWS one unless overridden), the region,
 * where its credentials come from, the SDK's own retries of whole requests, and how long one attempt may take.
 *
 * <p>The rule, in one place: on AWS the default credential and region chains apply; a local engine gets the fake
 * {@link LocalCredentials} and us-east-1; an endpoint a user gave is local when it is on loopback (then credentials a
 * developer configured on purpose win over the fake ones, as a tunnel to AWS may sit on loopback too), and otherwise
 * an AWS endpoint reached another way (a VPC endpoint), with the default chains.
 *
 * @param endpoint              the endpoint override, or empty for the regional AWS endpoint
 * @param region                the region, or empty: us-east-1 when local, else the default region chain
 * @param credentials           where the credentials come from
 * @param sdkRetryStrategy      the SDK's retry strategy for whole requests, or empty for the service's default
 * @param apiCallAttemptTimeout how long one HTTP attempt may take, or empty for the SDK's default (none)
 */
public record ClientSettings(Optional<URI> endpoint, Optional<Region> region, Credentials credentials,
                             Optional<RetryStrategy> sdkRetryStrategy, Optional<Duration> apiCallAttemptTimeout) {

    /** Where the credentials come from. */
    public enum Credentials {
        /** The SDK's default provider chain (environment, profile, container or instance role...). */
        DEFAULT_CHAIN,
        /** {@link LocalCredentials#configuredOrFake()}. */
        CONFIGURED_OR_FAKE,
        /** {@link LocalCredentials#fake()}. */
        FAKE
    }

    public ClientSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(sdkRetryStrategy, "sdkRetryStrategy");
        Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout");
    }

    /** AWS itself: default credential and region chains, regional endpoint. */
    public static ClientSettings aws() {
        return new ClientSettings(Optional.empty(), Optional.empty(), Credentials.DEFAULT_CHAIN, Optional.empty(),
                Optional.empty());
    }

    /** A local engine this process talks to: fake credentials, us-east-1. */
    public static ClientSettings localEngine(URI endpoint) {
        return new ClientSettings(Optional.of(endpoint), Optional.of(LocalCredentials.REGION), Credentials.FAKE,
                Optional.empty(), Optional.empty());
    }

    /**
     * What a user asked for on a command line or in the environment.
     *
     * @param endpoint null or blank for AWS
     * @param region   null or blank for us-east-1 on loopback, else the default region chain
     */
    public static ClientSettings forEndpoint(String endpoint, String region) {
        return forEndpoint(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()), region);
    }

    /** As {@link #forEndpoint(String, String)}. */
    public static ClientSettings forEndpoint(URI endpoint, String region) {
        Optional<Region> chosen = region == null || region.isBlank() ? Optional.empty() : Optional.of(Region.of(region));
        if (endpoint == null) {
            return new ClientSettings(Optional.empty(), chosen, Credentials.DEFAULT_CHAIN, Optional.empty(),
                    Optional.empty());
        }
        boolean local = isLoopback(endpoint);
        return new ClientSettings(Optional.of(endpoint), local ? chosen.or(() -> Optional.of(LocalCredentials.REGION))
                : chosen, local ? Credentials.CONFIGURED_OR_FAKE : Credentials.DEFAULT_CHAIN, Optional.empty(),
                Optional.empty());
    }

    /** The SDK does not retry: the caller retries what failed itself (the entries of a partial failure), and counts it. */
    public ClientSettings withoutSdkRetries() {
        return withSdkRetryStrategy(AwsRetryStrategy.doNotRetry());
    }

    public ClientSettings withSdkRetryStrategy(RetryStrategy strategy) {
        return new ClientSettings(endpoint, region, credentials, Optional.of(strategy), apiCallAttemptTimeout);
    }

    public ClientSettings withApiCallAttemptTimeout(Duration timeout) {
        return new ClientSettings(endpoint, region, credentials, sdkRetryStrategy, Optional.of(timeout));
    }

    /** Whether the client talks to a local engine (its endpoint is on loopback). */
    public boolean local() {
        return endpoint.map(ClientSettings::isLoopback).orElse(false);
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
