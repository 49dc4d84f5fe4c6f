package io.firelake.local.console;

import io.firelake.endpoint.http.LoopbackServer;

import java.net.URI;
import java.time.Duration;

/** The console on 127.0.0.1 only (Jetty, as the AWS endpoint), with a fresh token for this run. */
public final class ConsoleServer implements AutoCloseable {

    private final LoopbackServer server;
    private final EventStream events;
    private final URI uri;

    private ConsoleServer(LoopbackServer server, EventStream events, URI uri) {
        this.server = server;
        this.events = events;
        this.uri = uri;
    }

    /** Starts on {@code port} (0 for a free one); the live stream ticks every {@code tick}. */
    public static ConsoleServer start(int port, ConsoleApi api, Duration tick) {
        EventStream events = new EventStream(api, tick);
        String token = ConsoleGuard.newToken();
        ConsoleGuard guard = new ConsoleGuard(token);
        LoopbackServer server = LoopbackServer.start("the console", "firelake-console", port, 16,
                new ConsoleHandler(api, guard, StaticAssets.load(token), events));
        guard.bound(server.port());
        return new ConsoleServer(server, events, URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        events.close();
        server.close();
    }
}
