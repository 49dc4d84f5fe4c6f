package io.firelake.endpoint.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on 127.0.0.1 only, the one way the AWS endpoint and the local console start theirs: daemon threads, one
 * acceptor (selectors as Jetty sizes them for the pool), a free port when asked for 0, and a stop that does not wait
 * for open responses (the console's event streams, a forwarded long poll).
 */
public final class LoopbackServer implements AutoCloseable {

    private final String name;
    private final Server server;
    private final int port;

    private LoopbackServer(String name, Server server, int port) {
        this.name = name;
        this.server = server;
        this.port = port;
    }

    /**
     * Starts {@code handler} on 127.0.0.1:{@code port} (0 for a free one) with at most {@code maxThreads} threads named
     * {@code threads}; {@code name} says what failed in errors ({@code the console}).
     */
    public static LoopbackServer start(String name, String threads, int port, int maxThreads, Handler handler) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.max(2, maxThreads / 16));
        pool.setName(threads);
        pool.setDaemon(true);
        Server server = new Server(pool);
        server.setStopTimeout(0);
        ServerConnector connector = new ServerConnector(server, 1, -1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot start " + name + " on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new LoopbackServer(name, server, connector.getLocalPort());
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + name + ": " + e.getMessage(), e);
        }
    }
}
