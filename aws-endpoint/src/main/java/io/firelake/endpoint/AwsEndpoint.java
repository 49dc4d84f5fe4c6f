package io.firelake.endpoint;

import io.firelake.endpoint.http.EndpointServer;
import io.firelake.endpoint.http.RequestRouter;
import io.firelake.endpoint.json.JsonService;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local pipeline's AWS APIs on one loopback endpoint: a client configured with this one endpoint URL and the
 * local fake credentials reaches every service. Kinesis, S3 and DynamoDB are forwarded as they are to kinesalite,
 * S3Proxy and DynamoDB Local; the services firelake serves itself (Firehose, Glue, ...) are answered here.
 */
public final class AwsEndpoint implements AutoCloseable {

    /** The port of the AWS endpoint, as LocalStack's, so tools that default to it find it. */
    public static final int DEFAULT_PORT = 4566;

    /** Target prefixes of the forwarded JSON APIs, by the SigV4 signing name of their engine. */
    private static final Map<String, String> FORWARDED_TARGETS = Map.of(
            "Kinesis_20131202", "kinesis",
            "DynamoDB_20120810", "dynamodb");

    private final EndpointServer server;

    private AwsEndpoint(EndpointServer server) {
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.uri().getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    public static final class Builder {
        private int port = DEFAULT_PORT;
        private final Map<String, JsonService> served = new LinkedHashMap<>();
        private final Map<String, JsonService> servedBySigningName = new LinkedHashMap<>();
        private final Map<String, URI> upstreams = new LinkedHashMap<>();

        /** 0 for a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Serves a service of the JSON protocols by its target prefix, else (Query, RPC v2 CBOR) by signing name. */
        public Builder serve(JsonService service) {
            if (service.model().targetPrefix().isEmpty()) {
                servedBySigningName.put(service.model().signingName(), service);
            } else {
                served.put(service.model().targetPrefix(), service);
            }
            return this;
        }

        /** Forwards the engine's API (by SigV4 signing name: {@code kinesis}, {@code s3}, {@code dynamodb}). */
        public Builder forward(String signingName, URI engine) {
            upstreams.put(signingName, engine);
            return this;
        }

        public AwsEndpoint start() {
            Map<String, String> targets = new LinkedHashMap<>();
            FORWARDED_TARGETS.forEach((target, service) -> {
                if (upstreams.containsKey(service)) {
                    targets.put(target, service);
                }
            });
            RequestRouter router = new RequestRouter(served, servedBySigningName, targets, upstreams.keySet());
            return new AwsEndpoint(EndpointServer.start(port, router, upstreams));
        }
    }
}
