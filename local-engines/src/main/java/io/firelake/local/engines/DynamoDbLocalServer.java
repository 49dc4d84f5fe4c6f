package io.firelake.local.engines;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Amazon DynamoDB Local 2.6.1 as an HTTP server in this JVM ({@code ServerRunner} with {@code -inMemory} or
 * {@code -dbPath}, {@code -sharedDb} so every credential and region sees the same tables, {@code -disableTelemetry}).
 * DynamoDB Local has no host option; its Jetty connector is bound to 127.0.0.1 before it starts.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    public static final String ENGINE = "DynamoDB Local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final DynamoDBProxyServer server;
    private final int port;
    private final Path dbPath;

    private DynamoDbLocalServer(Path dbPath, int requestedPort) {
        this.dbPath = dbPath == null ? null : dbPath.toAbsolutePath();
        this.port = Loopback.resolvePort(requestedPort, ENGINE);
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry", "-sharedDb"));
        if (this.dbPath == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(this.dbPath);
            } catch (IOException e) {
                throw new EngineStartException(ENGINE + ": cannot create its data directory " + this.dbPath + ": "
                        + e.getMessage(), e);
            }
            if (!Files.isWritable(this.dbPath)) {
                throw new EngineStartException(ENGINE + ": its data directory " + this.dbPath + " is not writable");
            }
            args.add("-dbPath");
            args.add(this.dbPath.toString());
        }
        try {
            server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
        } catch (Exception e) {
            throw new EngineStartException(ENGINE + " failed to start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        try {
            Loopback.await(ENGINE, START_TIMEOUT, () -> Loopback.accepts(port), () -> false, () -> "");
        } catch (EngineStartException e) {
            close();
            throw e;
        }
    }

    /** In memory, on a free port. */
    public static DynamoDbLocalServer start() {
        return new DynamoDbLocalServer(null, 0);
    }

    /**
     * @param dbPath where the tables are kept (one SQLite file), or null for in memory
     * @param port   0 picks a free port
     */
    public static DynamoDbLocalServer start(Path dbPath, int port) {
        return new DynamoDbLocalServer(dbPath, port);
    }

    public URI endpoint() {
        return Loopback.httpEndpoint(port);
    }

    public int port() {
        return port;
    }

    /** Null when in memory. */
    public Path dbPath() {
        return dbPath;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // A server that failed half-way may refuse to stop; nothing more can be released.
        }
    }

    private static void bindToLoopback(DynamoDBProxyServer proxyServer) {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(proxyServer);
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setHost(Loopback.HOST);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A later DynamoDB Local may rename its field: it then listens on every interface, as it does by default.
        }
    }

    @Override
    public String toString() {
        return "DynamoDbLocalServer[" + endpoint() + (dbPath == null ? ", in memory" : ", " + dbPath) + "]";
    }
}
