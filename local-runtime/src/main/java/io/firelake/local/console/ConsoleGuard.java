package io.firelake.local.console;

import io.firelake.endpoint.http.LoopbackGuard;

import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who may use the console. Reading: any client of this machine whose {@code Host} names a loopback host (a page that
 * reaches the port through a DNS name of its own, DNS rebinding, is refused; another origin's page cannot read the
 * answers, which carry no CORS headers). Changing anything (replay): only the console's own page, which sends its
 * origin and the run's token; the token is in the page, which no other origin can read.
 */
final class ConsoleGuard {

    static final String TOKEN_HEADER = "X-Firelake-Token";

    private final String token;
    /** Known once the socket is bound (a free port is chosen then); until then no action is allowed. */
    private volatile int port = -1;

    ConsoleGuard(String token) {
        this.token = token;
    }

    void bound(int port) {
        this.port = port;
    }

    /** A fresh token for one run of the console. */
    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String token() {
        return token;
    }

    /** Whether a request may read: its {@code Host} names this machine. */
    boolean mayRead(String host) {
        return LoopbackGuard.isLoopbackHost(host);
    }

    /** Why an action is refused, or null when it may run: the console's own origin with this run's token. */
    String refuseAction(String host, String origin, String givenToken) {
        if (!mayRead(host)) {
            return "the Host header does not name this machine";
        }
        if (!ownOrigin(origin)) {
            return "only the console's own page may do this (Origin " + (origin == null ? "missing" : origin) + ")";
        }
        if (givenToken == null || !MessageDigest.isEqual(givenToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + TOKEN_HEADER + " (the console's page carries it; reload the page after a restart)";
        }
        return null;
    }

    private boolean ownOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            return "http".equals(uri.getScheme()) && uri.getPort() == port && uri.getRawPath().isEmpty()
                    && LoopbackGuard.isLoopbackHost(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
