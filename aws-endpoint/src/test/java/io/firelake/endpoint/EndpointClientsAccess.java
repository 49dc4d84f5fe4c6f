package io.firelake.endpoint;

import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.glue.GlueClient;

import java.net.URI;

/** The endpoint's clients for tests in other packages. */
public final class EndpointClientsAccess {

    private EndpointClientsAccess() {
    }

    public static GlueClient glue(URI endpoint) {
        return EndpointClients.client(GlueClient.builder(), endpoint);
    }

    public static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(
            B builder, URI endpoint) {
        return EndpointClients.client(builder, endpoint);
    }

    public static String raw(URI endpoint, String host, String headers, String body) throws java.io.IOException {
        return EndpointClients.raw(endpoint, host, headers, body);
    }

    public static FirehoseClient firehose(URI endpoint) {
        return EndpointClients.client(FirehoseClient.builder(), endpoint);
    }
}
