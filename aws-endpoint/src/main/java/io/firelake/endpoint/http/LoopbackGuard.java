package io.firelake.endpoint.http;

import java.util.Locale;

/**
 * Who may use a loopback server: only this machine's own clients. The socket binds to 127.0.0.1, and since a web page
 * can still reach a loopback port through a DNS name that resolves to it (DNS rebinding), the {@code Host} header must
 * itself name a loopback host; a browser's cross-origin request carries an {@code Origin} header, which no SDK or CLI
 * sends, and is refused.
 */
public final class LoopbackGuard {

    private LoopbackGuard() {
    }

    /** Whether a {@code Host} header names this machine: localhost (or a name under .localhost), 127.0.0.0/8, [::1]. */
    public static boolean isLoopbackHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(1, end).equals("::1") && validPort(host.substring(end + 1));
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        if (colon >= 0 && !validPort(host.substring(colon))) {
            return false;
        }
        return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackIpv4(name);
    }

    /** Whether a request comes from a web page of another origin: any {@code Origin} header at all. */
    public static boolean isBrowserCrossOrigin(String originHeader) {
        return originHeader != null && !originHeader.isBlank();
    }

    private static boolean validPort(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != ':' || rest.length() == 1 || rest.length() > 6) {
            return false;
        }
        for (int i = 1; i < rest.length(); i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoopbackIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
