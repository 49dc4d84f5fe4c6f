package io.firelake.transform.enrich;

import ua_parser.Client;
import ua_parser.Parser;

import java.util.List;
import java.util.Locale;

/**
 * Browser, OS, device class and bot flag of a user agent, parsed with uap-java (the ua-parser project's maintained
 * regexes, not hand-written ones) behind a bounded LRU cache: a site's traffic repeats a few thousand user agents, and
 * a cache hit costs a hash lookup where a parse walks hundreds of regexes.
 *
 * <p>Bots are uap's {@code Spider} device family plus common tokens uap does not flag (HTTP libraries, headless
 * browsers, monitors). Only the first {@value #MAX_PARSED_LENGTH} characters are parsed: real user agents are shorter,
 * and the cap bounds regex cost on hostile input.
 *
 * <p>Thread-safe. Building one loads the regexes (about a second): build once per process.
 */
public final class UserAgentClassifier {

    /** Entries kept; a few MB at most. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** User agents longer than this are truncated before parsing. */
    public static final int MAX_PARSED_LENGTH = 512;

    private static final List<String> BOT_TOKENS = List.of(
            "bot", "crawl", "spider", "slurp", "scrape", "headless", "lighthouse", "pingdom", "uptime", "monitor",
            "python-requests", "python-urllib", "aiohttp", "curl/", "wget/", "go-http-client", "java/", "okhttp",
            "apache-httpclient", "libwww", "httpclient", "node-fetch", "axios/", "phantomjs", "facebookexternalhit",
            "preview", "feedfetcher", "mediapartners");
    private static final List<String> DESKTOP_OS = List.of(
            "Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS", "Fedora", "Debian", "FreeBSD", "OpenBSD", "Red Hat",
            "Mint", "Arch Linux", "macOS", "SUSE");

    private final Parser parser;
    private final BoundedCache<SampledKey, UserAgentInfo> cache;

    public UserAgentClassifier(int cacheSize) {
        this.parser = new Parser();
        this.cache = new BoundedCache<>(cacheSize);
    }

    public UserAgentClassifier() {
        this(DEFAULT_CACHE_SIZE);
    }

    public UserAgentInfo classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UserAgentInfo.UNKNOWN;
        }
        String key = userAgent.length() > MAX_PARSED_LENGTH ? userAgent.substring(0, MAX_PARSED_LENGTH) : userAgent;
        return cache.get(new SampledKey(key), k -> parse(k.text()));
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** Forget the counters (not the entries), e.g. after SnapStart priming. */
    public void resetCacheStats() {
        cache.resetStats();
    }

    private UserAgentInfo parse(String userAgent) {
        Client client = parser.parse(userAgent);
        String browser = known(client.userAgent == null ? null : client.userAgent.family);
        String os = known(client.os == null ? null : client.os.family);
        String device = client.device == null ? null : client.device.family;
        String lower = userAgent.toLowerCase(Locale.ROOT);
        boolean bot = "Spider".equals(device) || BOT_TOKENS.stream().anyMatch(lower::contains);
        return new UserAgentInfo(deviceClass(bot, device, os, lower), browser, os, bot);
    }

    private static String deviceClass(boolean bot, String device, String os, String lowerAgent) {
        if (bot) {
            return UserAgentInfo.BOT;
        }
        String family = device == null ? "" : device;
        if (family.contains("iPad") || family.contains("Tablet") || family.contains("Kindle")
                || lowerAgent.contains("tablet") || ("Android".equals(os) && !lowerAgent.contains("mobile"))) {
            return UserAgentInfo.TABLET;
        }
        if (family.contains("iPhone") || family.contains("iPod") || "iOS".equals(os) || "Android".equals(os)
                || lowerAgent.contains("mobile") || family.contains("Phone")) {
            return UserAgentInfo.MOBILE;
        }
        if (os != null && DESKTOP_OS.stream().anyMatch(os::startsWith)) {
            return UserAgentInfo.DESKTOP;
        }
        return UserAgentInfo.OTHER;
    }

    private static String known(String family) {
        return family == null || family.isEmpty() || "Other".equals(family) ? null : family;
    }
}
