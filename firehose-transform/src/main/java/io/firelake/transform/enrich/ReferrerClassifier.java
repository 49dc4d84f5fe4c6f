package io.firelake.transform.enrich;

import java.util.Set;

/**
 * Classifies a referrer against the page it led to: {@code direct} (no referrer), {@code internal} (same host as the
 * page, ignoring a leading {@code www.}), {@code search} and {@code social} (well-known engines and networks, matched
 * on the host's labels so every country domain counts), else {@code other}.
 */
public final class ReferrerClassifier {

    /** Registrable labels of search engines: google.com, www.google.co.uk and www.google.de are all "google". */
    private static final Set<String> SEARCH_LABELS = Set.of(
            "google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia", "naver", "qwant", "startpage",
            "seznam", "sogou");
    /** Social hosts, matched as the host itself or a parent domain (m.facebook.com matches facebook.com). */
    private static final Set<String> SOCIAL_DOMAINS = Set.of(
            "facebook.com", "fb.com", "instagram.com", "t.co", "twitter.com", "x.com", "linkedin.com", "lnkd.in",
            "reddit.com", "pinterest.com", "tiktok.com", "youtube.com", "youtu.be", "snapchat.com", "tumblr.com",
            "whatsapp.com", "telegram.org", "t.me", "threads.net", "mastodon.social", "vk.com", "weibo.com");

    /**
     * Referrers seen so far, with their host and its class apart from the page: a site's traffic comes from a few
     * hundred referrers, and parsing each one's URL and probing its labels was 15% of the transform's core (issue 19).
     * Bounded by refusing new entries when full: the referrers past it are classified as before, just not remembered.
     */
    static final int CACHE_CAPACITY = 4096;
    private static final FirstSeen<Referrer> SEEN = new FirstSeen<>(CACHE_CAPACITY);
    /**
     * Hosts seen so far, with their class: when referrers are mostly distinct (a page and its query string), the cache
     * above fills up, and probing each host's labels was still 7% of the core (issue 19); hosts are far fewer.
     */
    private static final FirstSeen<ReferrerClass> HOSTS = new FirstSeen<>(CACHE_CAPACITY);

    /** A referrer's host (null when it has none) and its class when it is not the page's own host. */
    private record Referrer(String host, String hostWithoutWww, ReferrerClass external) {
    }

    private ReferrerClassifier() {
    }

    public static ReferrerClass classify(String referrer, String pageHost) {
        if (referrer == null || referrer.isBlank()) {
            return ReferrerClass.DIRECT;
        }
        Referrer seen = SEEN.get(referrer, ReferrerClassifier::parse);
        if (seen.host() == null) {
            return ReferrerClass.OTHER;
        }
        if (pageHost != null && seen.hostWithoutWww().equals(withoutWww(pageHost))) {
            return ReferrerClass.INTERNAL;
        }
        return seen.external();
    }

    private static Referrer parse(String referrer) {
        String host = UrlParts.parse(referrer.strip()).host();
        if (host == null) {
            return new Referrer(null, null, ReferrerClass.OTHER);
        }
        ReferrerClass external = HOSTS.get(host, h -> isSocial(h) ? ReferrerClass.SOCIAL
                : isSearch(h) ? ReferrerClass.SEARCH : ReferrerClass.OTHER);
        return new Referrer(host, withoutWww(host), external);
    }

    private static String withoutWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static boolean isSocial(String host) {
        String candidate = host;
        while (true) {
            if (SOCIAL_DOMAINS.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /**
     * Whether the host's registrable label (the one before the public suffix) names a search engine. Without a public
     * suffix list, a two-letter country code after a short label (co.uk, com.au, co.jp) counts as a two-part suffix.
     */
    private static boolean isSearch(String host) {
        String[] labels = host.split("\\.");
        if (labels.length < 2) {
            return false;
        }
        int last = labels.length - 1;
        int registrable = last - 1;
        if (labels[last].length() == 2 && labels[last - 1].length() <= 3 && labels.length >= 3) {
            registrable = last - 2;
        }
        return SEARCH_LABELS.contains(labels[registrable]);
    }
}
