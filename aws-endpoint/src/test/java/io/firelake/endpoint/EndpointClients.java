package io.firelake.endpoint;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** SDK clients and raw HTTP against a running endpoint, as any client on this machine would use it. */
final class EndpointClients {

    private EndpointClients() {
    }

    static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("firelakelocal", "firelake-local-secret")))
                .build();
    }

    /** A raw HTTP/1.1 exchange, so that tests can send what no SDK sends (a foreign Host, bad JSON). */
    static String raw(URI endpoint, String host, String headers, String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String request = "POST / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + headers
                + "Content-Length: " + payload.length + "\r\n\r\n";
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
