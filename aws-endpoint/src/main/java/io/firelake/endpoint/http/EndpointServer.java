package io.firelake.endpoint.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.Map;

/** Jetty on 127.0.0.1 only, with the endpoint's handler. */
public final class EndpointServer implements AutoCloseable {

    private final Server server;
    private final URI uri;

    private EndpointServer(Server server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    public static EndpointServer start(int port, RequestRouter router, Map<String, URI> upstreams) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("aws-endpoint");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new EndpointHandler(router, upstreams));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot start the AWS endpoint on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        return new EndpointServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the AWS endpoint: " + e.getMessage(), e);
        }
    }
}
