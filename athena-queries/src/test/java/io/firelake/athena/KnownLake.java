package io.firelake.athena;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lake small enough to compute every report's answer by hand: two days in the range (2026-11-20 and -21) and one
 * day outside it (2026-11-10) that pruning must skip. The expected figures are in {@link ReportsOnDuckDbTest}.
 */
public final class KnownLake {

    public static final String DAY_1 = "2026-11-20";
    public static final String DAY_2 = "2026-11-21";
    public static final String OUTSIDE = "2026-11-10";

    private KnownLake() {
    }

    public static void write(Path lake) throws Exception {
        try (LakeFixture f = new LakeFixture(lake)) {
            // e1 is delivered twice in raw (at-least-once), e8 three times.
            Map<String, String> e1 = event("e1", "page_view", "s1", "'u1'", DAY_1 + " 10:00:00", "/home", "desktop", "'Chrome'", false, DAY_1 + " 10:00:02");
            Map<String, String> e2 = event("e2", "add_to_cart", "s1", "'u1'", DAY_1 + " 10:01:00", "/p/1", "desktop", "'Chrome'", false, DAY_1 + " 10:01:01");
            Map<String, String> e3 = event("e3", "page_view", "s2", "NULL", DAY_1 + " 10:30:00", "/home", "mobile", "'Safari'", false, DAY_1 + " 10:40:00");
            Map<String, String> e4 = event("e4", "page_view", "s3", "NULL", DAY_1 + " 10:45:00", "/home", "bot", "NULL", true, DAY_1 + " 10:45:01");
            Map<String, String> e5 = event("e5", "page_view", "s1", "'u1'", DAY_1 + " 11:00:00", "/p/1", "desktop", "'Chrome'", false, DAY_2 + " 01:00:00");
            Map<String, String> e6 = event("e6", "purchase", "s1", "'u1'", DAY_1 + " 11:05:00", "/checkout", "desktop", "'Chrome'", false, DAY_1 + " 11:05:01");
            e6.put("product_id", "'p1'");
            e6.put("price", "10.00");
            e6.put("quantity", "2");
            e6.put("currency", "'EUR'");
            Map<String, String> e7 = event("e7", "page_view", "s4", "'u2'", DAY_2 + " 09:00:00", "/home", "mobile", "'Safari'", false, DAY_2 + " 09:00:01");
            Map<String, String> e8 = event("e8", "page_view", "s4", "'u2'", DAY_2 + " 09:10:00", "/about", "mobile", "'Safari'", false, DAY_2 + " 09:10:01");
            Map<String, String> e9 = event("e9", "page_view", "s5", "NULL", OUTSIDE + " 08:00:00", "/home", "desktop", "'Firefox'", false, OUTSIDE + " 08:00:01");

            f.parquet("raw_events", Map.of("event_date", DAY_1, "event_hour", "10"), "delivery-1.parquet", List.of(e1, e2, e3));
            f.parquet("raw_events", Map.of("event_date", DAY_1, "event_hour", "10"), "delivery-2.parquet", List.of(e1, e4));
            f.parquet("raw_events", Map.of("event_date", DAY_1, "event_hour", "11"), "delivery-3.parquet", List.of(e5, e6));
            f.parquet("raw_events", Map.of("event_date", DAY_2, "event_hour", "09"), "delivery-4.parquet", List.of(e7, e8, e8, e8));
            f.parquet("raw_events", Map.of("event_date", OUTSIDE, "event_hour", "08"), "delivery-5.parquet", List.of(e9));

            f.parquet("curated_events", Map.of("event_date", DAY_1), "part-0.parquet", List.of(e1, e2, e3, e4, e5, e6));
            f.parquet("curated_events", Map.of("event_date", DAY_2), "part-0.parquet", List.of(e7, e8));
            f.parquet("curated_events", Map.of("event_date", OUTSIDE), "part-0.parquet", List.of(e9));

            f.parquet("traffic_hourly", Map.of("event_date", DAY_1), "part-0.parquet", List.of(
                    row("event_hour", "'10'", "url_path", "'/home'", "page_views", "2", "sessions", "2", "users", "1"),
                    row("event_hour", "'11'", "url_path", "'/p/1'", "page_views", "1", "sessions", "1", "users", "1")));
            f.parquet("traffic_hourly", Map.of("event_date", DAY_2), "part-0.parquet", List.of(
                    row("event_hour", "'09'", "url_path", "'/home'", "page_views", "1", "sessions", "1", "users", "1"),
                    row("event_hour", "'09'", "url_path", "'/about'", "page_views", "1", "sessions", "1", "users", "1")));
            f.parquet("traffic_hourly", Map.of("event_date", OUTSIDE), "part-0.parquet", List.of(
                    row("event_hour", "'08'", "url_path", "'/home'", "page_views", "100", "sessions", "90", "users", "80")));

            f.parquet("sessions", Map.of("event_date", DAY_1), "part-0.parquet", List.of(
                    session("s1", "'u1'", DAY_1 + " 10:00:00", DAY_1 + " 11:05:00", 3900, 4, 2, false, "/home", "search", "'google'", "'winter'", "desktop", true, false, true),
                    session("s2", "NULL", DAY_1 + " 10:30:00", DAY_1 + " 10:30:00", 0, 1, 1, true, "/home", "direct", "NULL", "NULL", "mobile", false, false, false),
                    session("s6", "NULL", DAY_1 + " 10:50:00", DAY_1 + " 10:55:00", 300, 2, 2, false, "/p/1", "other", "NULL", "NULL", "tablet", false, false, false)));
            f.parquet("sessions", Map.of("event_date", DAY_2), "part-0.parquet", List.of(
                    session("s4", "'u2'", DAY_2 + " 09:00:00", DAY_2 + " 09:10:00", 600, 2, 2, false, "/home", "social", "'facebook'", "'winter'", "mobile", false, false, false)));
            f.parquet("sessions", Map.of("event_date", OUTSIDE), "part-0.parquet", List.of(
                    session("s5", "NULL", OUTSIDE + " 08:00:00", OUTSIDE + " 08:00:00", 0, 1, 1, true, "/home", "direct", "NULL", "NULL", "desktop", false, false, false)));

            f.parquet("funnel_daily", Map.of("event_date", DAY_1), "part-0.parquet", List.of(
                    funnel("'winter'", 10, 10, 4, 2, 1), funnel("'(none)'", 5, 5, 1, 0, 0)));
            f.parquet("funnel_daily", Map.of("event_date", DAY_2), "part-0.parquet", List.of(
                    funnel("'winter'", 10, 10, 6, 4, 3)));
            f.parquet("funnel_daily", Map.of("event_date", OUTSIDE), "part-0.parquet", List.of(
                    funnel("'winter'", 100, 100, 100, 100, 100)));

            f.parquet("revenue_daily", Map.of("event_date", DAY_1), "part-0.parquet", List.of(
                    row("product_id", "'p1'", "currency", "'EUR'", "orders", "2", "units", "3", "revenue", "30.00"),
                    row("product_id", "'p2'", "currency", "'EUR'", "orders", "1", "units", "1", "revenue", "99.99")));
            f.parquet("revenue_daily", Map.of("event_date", DAY_2), "part-0.parquet", List.of(
                    row("product_id", "'p1'", "currency", "'EUR'", "orders", "1", "units", "1", "revenue", "10.00")));
            f.parquet("revenue_daily", Map.of("event_date", OUTSIDE), "part-0.parquet", List.of(
                    row("product_id", "'p1'", "currency", "'EUR'", "orders", "50", "units", "50", "revenue", "500.00")));

            String failed = "{\"attemptsMade\":4,\"arrivalTimestamp\":1795600000000,\"errorCode\":\"Lambda.ProcessingFailed\","
                    + "\"errorMessage\":\"The Lambda function marked the record as ProcessingFailed\",\"attemptEndingTimestamp\":1795600001000,"
                    + "\"rawData\":\"bm90IGpzb24=\",\"lambdaArn\":\"arn:aws:lambda:us-east-1:000000000000:function:transform\"}";
            String conversion = "{\"attemptsMade\":1,\"arrivalTimestamp\":1795700000000,\"ErrorCode\":\"DataFormatConversion.InvalidSchema\","
                    + "\"ErrorMessage\":\"The schema is invalid\",\"attemptEndingTimestamp\":1795700001000,\"rawData\":\"e30=\"}";
            f.errors("processing-failed", DAY_1, "firelake-delivery-1-2026-11-20-10-00-00-a", List.of(failed, failed));
            f.errors("format-conversion-failed", DAY_2, "firelake-delivery-1-2026-11-21-10-00-00-b", List.of(conversion));
            f.errors("processing-failed", OUTSIDE, "firelake-delivery-1-2026-11-10-10-00-00-c", List.of(failed));
        }
    }

    static Map<String, String> event(String id, String type, String session, String user, String ts, String path,
                                     String device, String browser, boolean bot, String received) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("schema_version", "1");
        e.put("event_id", "'" + id + "'");
        e.put("event_type", "'" + type + "'");
        e.put("event_ts", "TIMESTAMP '" + ts + "'");
        e.put("session_id", "'" + session + "'");
        e.put("user_id", user);
        e.put("page_url", "'https://shop.example" + path + "'");
        e.put("url_host", "'shop.example'");
        e.put("url_path", "'" + path + "'");
        e.put("referrer_class", "'direct'");
        e.put("device_class", "'" + device + "'");
        e.put("browser", browser);
        e.put("is_bot", String.valueOf(bot));
        e.put("received_ts", "TIMESTAMP '" + received + "'");
        e.put("processed_ts", "TIMESTAMP '" + received + "' + INTERVAL 1 SECOND");
        return e;
    }

    static Map<String, String> row(String... keyValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put(keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    static Map<String, String> session(String id, String user, String start, String end, long duration, long events,
                                       long pageViews, boolean bounce, String entry, String referrerClass,
                                       String utmSource, String utmCampaign, String device, boolean cart,
                                       boolean checkout, boolean purchase) {
        return row("session_id", "'" + id + "'", "user_id", user, "session_start", "TIMESTAMP '" + start + "'",
                "session_end", "TIMESTAMP '" + end + "'", "duration_seconds", String.valueOf(duration),
                "events", String.valueOf(events), "page_views", String.valueOf(pageViews), "is_bounce",
                String.valueOf(bounce), "entry_page", "'" + entry + "'", "referrer_class", "'" + referrerClass + "'",
                "utm_source", utmSource, "utm_campaign", utmCampaign, "device_class", "'" + device + "'",
                "has_add_to_cart", String.valueOf(cart), "has_checkout", String.valueOf(checkout),
                "has_purchase", String.valueOf(purchase));
    }

    static Map<String, String> funnel(String campaign, long sessions, long views, long carts, long checkouts,
                                      long purchases) {
        return row("utm_campaign", campaign, "sessions", String.valueOf(sessions), "page_view_sessions",
                String.valueOf(views), "add_to_cart_sessions", String.valueOf(carts), "checkout_sessions",
                String.valueOf(checkouts), "purchase_sessions", String.valueOf(purchases));
    }
}
