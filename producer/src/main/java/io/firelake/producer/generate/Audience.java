package io.firelake.producer.generate;

import java.util.List;
import java.util.Random;

/** Who visits: devices and their user agents, bots, where visitors come from, and the campaigns that brought them. */
final class Audience {

    record Device(String kind, String userAgent, double share) {
    }

    record Source(String referrer, String utmSource, String utmMedium, String utmCampaign, double share) {
        boolean hasCampaign() {
            return utmSource != null;
        }
    }

    static final List<Device> HUMAN_DEVICES = List.of(
            new Device("desktop", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/130.0.0.0 Safari/537.36", 0.30),
            new Device("desktop", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like "
                    + "Gecko) Version/18.0 Safari/605.1.15", 0.10),
            new Device("desktop", "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", 0.05),
            new Device("mobile", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
                    + "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", 0.25),
            new Device("mobile", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/130.0.0.0 Mobile Safari/537.36", 0.22),
            new Device("tablet", "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                    + "Gecko) Version/17.6 Mobile/15E148 Safari/604.1", 0.08));

    static final List<Device> BOTS = List.of(
            new Device("bot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 0.4),
            new Device("bot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 0.25),
            new Device("bot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", 0.2),
            new Device("bot", "python-requests/2.32.3", 0.15));

    static final List<Source> SOURCES = List.of(
            new Source(null, null, null, null, 0.25),
            new Source("https://www.google.com/", null, null, null, 0.30),
            new Source("https://www.google.com/", "google", "cpc", "brand_search", 0.08),
            new Source("https://www.bing.com/", null, null, null, 0.05),
            new Source("https://www.facebook.com/", "facebook", "social", "black_friday_2026", 0.10),
            new Source("https://t.co/", "twitter", "social", "winter_sale", 0.04),
            new Source(null, "newsletter", "email", "weekly_picks", 0.10),
            new Source("https://blog.example.org/best-gifts", "partner_blog", "referral", "gift_guide", 0.08));

    private Audience() {
    }

    static Device humanDevice(Random random) {
        return pickDevice(random, HUMAN_DEVICES);
    }

    static Device bot(Random random) {
        return pickDevice(random, BOTS);
    }

    private static Device pickDevice(Random random, List<Device> devices) {
        double total = devices.stream().mapToDouble(Device::share).sum();
        double u = random.nextDouble() * total;
        for (Device device : devices) {
            u -= device.share();
            if (u < 0) {
                return device;
            }
        }
        return devices.get(devices.size() - 1);
    }

    static Source source(Random random) {
        double u = random.nextDouble();
        for (Source source : SOURCES) {
            u -= source.share();
            if (u < 0) {
                return source;
            }
        }
        return SOURCES.get(0);
    }

    /** An address from the documentation ranges (RFC 5737): realistic shape, nobody's real address. */
    static String ip(Random random) {
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[random.nextInt(prefixes.length)] + (1 + random.nextInt(254));
    }
}
