package io.firelake.local.engines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback ports: every local engine listens on 127.0.0.1 only. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    public static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new IllegalStateException("127.0.0.1 does not resolve", e);
        }
    }

    /** A port that was free a moment ago; the engine binds it right after, so the race is narrow. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, address())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EngineStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Port 0 means "pick a free one"; any other port must be free now, or the caller learns which engine wanted it. */
    public static int resolvePort(int requested, String engine) {
        if (requested == 0) {
            return freePort();
        }
        if (requested < 0 || requested > 65535) {
            throw new EngineStartException(engine + ": port " + requested + " is not a valid TCP port");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address(), requested), 1);
            return requested;
        } catch (IOException e) {
            throw new EngineStartException(engine + " cannot listen on 127.0.0.1:" + requested
                    + ": the port is already in use (another engine or a previous run still running?). "
                    + "Stop it or choose another port (0 picks a free one).", e);
        }
    }

    public static URI httpEndpoint(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code ready} every few milliseconds until it holds, the timeout passes, or {@code failed} holds. */
    static void await(String engine, Duration timeout, BooleanSupplier ready, BooleanSupplier failed,
                      java.util.function.Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 5;
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (failed.getAsBoolean()) {
                throw new EngineStartException(engine + " stopped while starting. " + diagnostics.get());
            }
            if (System.nanoTime() > deadline) {
                throw new EngineStartException(engine + " was not ready after " + timeout.toSeconds() + " s. "
                        + diagnostics.get());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineStartException(engine + ": interrupted while waiting for it to start", e);
            }
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }
}
