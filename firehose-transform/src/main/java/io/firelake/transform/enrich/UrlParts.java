package io.firelake.transform.enrich;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Host, path and UTM parameters of a page URL. A small hand parser rather than {@link java.net.URI}: real page URLs
 * carry spaces, unescaped brackets and other things URI rejects, and the lake would rather have a host than nothing.
 *
 * @param host         lower-case host without port or user info; {@code null} for a relative or hostless URL
 * @param path         the path ({@code /} when the URL has a host but no path); {@code null} if there is none
 * @param utmSource    {@code utm_source}, percent-decoded, or {@code null}
 * @param utmMedium    {@code utm_medium}
 * @param utmCampaign  {@code utm_campaign}
 */
public record UrlParts(String host, String path, String utmSource, String utmMedium, String utmCampaign) {

    private static final UrlParts EMPTY = new UrlParts(null, null, null, null, null);
    /** Page URLs repeat (a catalogue's pages, a campaign's links); remembered up to this many, then no more added. */
    static final int CACHE_CAPACITY = 4096;
    private static final FirstSeen<UrlParts> SEEN = new FirstSeen<>(CACHE_CAPACITY);

    /**
     * {@link #parse}, remembered for the URLs seen first: parsing every record's page URL was a tenth of the
     * transform's core (issue 19).
     */
    public static UrlParts parseCached(String url) {
        if (url == null || url.isEmpty()) {
            return EMPTY;
        }
        return SEEN.get(url, UrlParts::parse);
    }

    public static UrlParts parse(String url) {
        if (url == null || url.isEmpty()) {
            return EMPTY;
        }
        int end = url.indexOf('#');
        if (end < 0) {
            end = url.length();
        }
        int queryStart = url.indexOf('?');
        if (queryStart > end) {
            queryStart = -1;
        }
        int pathEnd = queryStart >= 0 ? queryStart : end;
        String host = null;
        int pathStart = 0;
        int scheme = schemeEnd(url, pathEnd);
        int authorityStart = -1;
        if (scheme > 0 && url.startsWith("//", scheme + 1)) {
            authorityStart = scheme + 3;
        } else if (url.startsWith("//")) {
            authorityStart = 2;
        }
        if (authorityStart >= 0) {
            int authorityEnd = url.indexOf('/', authorityStart);
            if (authorityEnd < 0 || authorityEnd > pathEnd) {
                authorityEnd = pathEnd;
            }
            host = host(url, authorityStart, authorityEnd);
            pathStart = authorityEnd;
        } else if (scheme > 0) {
            pathStart = scheme + 1;
        }
        String path = pathStart < pathEnd ? url.substring(pathStart, pathEnd) : (host != null ? "/" : null);
        String source = null;
        String medium = null;
        String campaign = null;
        if (queryStart >= 0) {
            int i = queryStart + 1;
            while (i < end) {
                int amp = url.indexOf('&', i);
                if (amp < 0 || amp > end) {
                    amp = end;
                }
                int eq = url.indexOf('=', i);
                if (eq > i && eq < amp && url.startsWith("utm_", i)) {
                    String key = url.substring(i, eq);
                    String value = decode(url.substring(eq + 1, amp));
                    switch (key) {
                        case "utm_source" -> source = source == null ? value : source;
                        case "utm_medium" -> medium = medium == null ? value : medium;
                        case "utm_campaign" -> campaign = campaign == null ? value : campaign;
                        default -> {
                        }
                    }
                }
                i = amp + 1;
            }
        }
        return new UrlParts(host, path, source, medium, campaign);
    }

    /** Index of the ':' ending a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or -1. */
    private static int schemeEnd(String url, int limit) {
        for (int i = 0; i < limit; i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i > 0 ? i : -1;
            }
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return -1;
            }
        }
        return -1;
    }

    private static String host(String url, int start, int end) {
        int at = url.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1;
        }
        int hostEnd = end;
        if (start < end && url.charAt(start) == '[') {
            int close = url.indexOf(']', start);
            hostEnd = close > 0 && close < end ? close + 1 : end;
        } else {
            int colon = url.indexOf(':', start);
            if (colon >= 0 && colon < end) {
                hostEnd = colon;
            }
        }
        if (hostEnd <= start) {
            return null;
        }
        String host = url.substring(start, hostEnd).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }

    private static String decode(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        try {
            String decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
            return decoded.isEmpty() ? null : decoded;
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
