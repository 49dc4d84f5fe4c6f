package io.firelake.endpoint.http;

import java.net.URI;
import java.util.Map;

/** Jetty on 127.0.0.1 only, with the endpoint's handler. */
public final class EndpointServer implements AutoCloseable {

    private final LoopbackServer server;
    private final URI uri;

    private EndpointServer(LoopbackServer server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    public static EndpointServer start(int port, RequestRouter router, Map<String, URI> upstreams) {
        LoopbackServer server = LoopbackServer.start("the AWS endpoint", "aws-endpoint", port, 64,
                new EndpointHandler(router, upstreams));
        return new EndpointServer(server, URI.create("http://127.0.0.1:" + server.port()));
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.close();
    }
}
