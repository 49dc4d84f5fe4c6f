package io.firelake.local.engines;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy 4.1.0 in this JVM with its filesystem blob store: bucket {@code b}, key {@code k} is the plain file
 * {@code <baseDir>/b/k}, so DuckDB and Spark read the lake straight from disk. Requests are not authenticated (any
 * credentials, including the fake local ones, are accepted). Listens on 127.0.0.1.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ENGINE = "S3Proxy (local S3)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final int port;
    private final Path baseDir;

    private S3ProxyServer(Path baseDir, int requestedPort) {
        this.baseDir = baseDir.toAbsolutePath();
        try {
            Files.createDirectories(this.baseDir);
        } catch (IOException e) {
            throw new EngineStartException(ENGINE + ": cannot create its base directory " + this.baseDir + ": "
                    + e.getMessage(), e);
        }
        if (!Files.isWritable(this.baseDir)) {
            throw new EngineStartException(ENGINE + ": its base directory " + this.baseDir + " is not writable");
        }
        this.port = Loopback.resolvePort(requestedPort, ENGINE);
        this.proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(this.baseDir.toString()))
                .endpoint(Loopback.httpEndpoint(port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            Loopback.await(ENGINE, START_TIMEOUT, () -> "STARTED".equals(proxy.getState()) && Loopback.accepts(port),
                    () -> "FAILED".equals(proxy.getState()), () -> "State: " + proxy.getState());
        } catch (EngineStartException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new EngineStartException(ENGINE + " failed to start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Serves the files under {@code baseDir} on a free port. */
    public static S3ProxyServer start(Path baseDir) {
        return new S3ProxyServer(baseDir, 0);
    }

    /** Serves the files under {@code baseDir} on {@code port} (0 picks a free one). */
    public static S3ProxyServer start(Path baseDir, int port) {
        return new S3ProxyServer(baseDir, port);
    }

    public URI endpoint() {
        return Loopback.httpEndpoint(port);
    }

    public int port() {
        return port;
    }

    /** The directory holding one sub-directory per bucket. */
    public Path baseDir() {
        return baseDir;
    }

    /** Where the object {@code bucket/key} is on disk. */
    public Path pathOf(String bucket, String key) {
        return baseDir.resolve(bucket).resolve(key);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a server that never fully started may fail; there is nothing left to release then.
        }
    }

    @Override
    public String toString() {
        return "S3ProxyServer[" + endpoint() + ", " + baseDir + "]";
    }
}
