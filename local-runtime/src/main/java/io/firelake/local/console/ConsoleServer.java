package io.firelake.local.console;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;

/** The console on 127.0.0.1 only (Jetty, as the AWS endpoint), with a fresh token for this run. */
public final class ConsoleServer implements AutoCloseable {

    private final Server server;
    private final EventStream events;
    private final URI uri;

    private ConsoleServer(Server server, EventStream events, URI uri) {
        this.server = server;
        this.events = events;
        this.uri = uri;
    }

    /** Starts on {@code port} (0 for a free one); the live stream ticks every {@code tick}. */
    public static ConsoleServer start(int port, ConsoleApi api, Duration tick) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("firelake-console");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(0); // the live streams end with the server: nothing to wait for
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        EventStream events = new EventStream(api, tick);
        String token = ConsoleGuard.newToken();
        try {
            StaticAssets assets = StaticAssets.load(token);
            ConsoleGuard guard = new ConsoleGuard(token);
            server.setHandler(new ConsoleHandler(api, guard, assets, events));
            server.start();
            guard.bound(connector.getLocalPort());
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot start the console on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new ConsoleServer(server, events, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        events.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the console: " + e.getMessage(), e);
        }
    }
}
