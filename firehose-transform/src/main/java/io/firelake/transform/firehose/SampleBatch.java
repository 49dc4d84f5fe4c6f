package io.firelake.transform.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.transform.time.Timestamps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic clickstream payloads and Firehose requests built from them, deterministic for a seed. Used to prime the
 * handler of the clickstream contract before a SnapStart snapshot ({@link PrimingBatch}: so the snapshot holds
 * JIT-warm code and a warm user-agent cache), by tests and by benchmarks.
 */
public final class SampleBatch {

    /** User agents as they appear in real traffic: browsers on each device class, and bots. */
    public static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "python-requests/2.31.0");
    private static final List<String> REFERRERS = List.of(
            "", "https://www.google.com/", "https://www.bing.com/search?q=shoes", "https://t.co/abc",
            "https://www.facebook.com/", "https://shop.example.com/home", "https://news.example.org/article/1");
    private static final List<String> PATHS = List.of(
            "/", "/home", "/products/p-100", "/products/p-200", "/cart", "/checkout", "/search");
    private static final String[] TYPES = {"page_view", "page_view", "page_view", "click", "search", "add_to_cart",
            "checkout", "purchase"};

    private static final JsonFactory JSON = new JsonFactory();
    /**
     * The delivery stream the sample requests come from, named as in the test events under {@code src/test/resources}.
     * A sample value, not the lake bucket: the handler never reads it, so this Lambda jar need not depend on
     * firelake-config (which owns the pipeline's names) and stays as lean as its cold start wants.
     */
    static final String SAMPLE_DELIVERY_STREAM_ARN = "arn:aws:firehose:us-east-1:123456789012:deliverystream/firelake-lake";

    private SampleBatch() {
    }

    /** {@code count} valid raw events around {@code nowMillis}, one JSON object each. */
    public static List<byte[]> validPayloads(int count, long seed, long nowMillis) {
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(validPayload(random, nowMillis));
        }
        return payloads;
    }

    static byte[] validPayload(Random random, long nowMillis) {
        String type = TYPES[random.nextInt(TYPES.length)];
        long eventTime = nowMillis - random.nextInt(3_600_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", 1);
            g.writeStringField("event_id", new UUID(random.nextLong(), random.nextLong()).toString());
            g.writeStringField("event_type", type);
            if (random.nextBoolean()) {
                g.writeStringField("event_time", Timestamps.formatIsoMillis(eventTime));
            } else {
                g.writeNumberField("event_time", eventTime);
            }
            g.writeStringField("session_id", "s-" + Long.toHexString(random.nextLong() & 0xffffffffL));
            if (random.nextInt(3) > 0) {
                g.writeStringField("user_id", "u-" + random.nextInt(100_000));
            }
            String path = PATHS.get(random.nextInt(PATHS.size()));
            String query = random.nextInt(4) == 0 ? "?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale" : "";
            g.writeStringField("page_url", "https://shop.example.com" + path + query);
            String referrer = REFERRERS.get(random.nextInt(REFERRERS.size()));
            if (!referrer.isEmpty()) {
                g.writeStringField("referrer", referrer);
            }
            g.writeStringField("user_agent", USER_AGENTS.get(random.nextInt(USER_AGENTS.size())));
            g.writeStringField("ip", random.nextInt(4) == 0
                    ? "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":1::" + Integer.toHexString(random.nextInt(0x10000))
                    : "203.0." + random.nextInt(256) + "." + random.nextInt(256));
            if (type.equals("add_to_cart") || type.equals("purchase") || type.equals("checkout")) {
                g.writeStringField("product_id", "p-" + (100 + random.nextInt(900)));
                g.writeNumberField("quantity", 1 + random.nextInt(3));
            }
            if (type.equals("purchase")) {
                String price = (1 + random.nextInt(500)) + "." + (10 + random.nextInt(90));
                if (random.nextBoolean()) {
                    g.writeFieldName("price");
                    g.writeNumber(price);
                } else {
                    g.writeStringField("price", price);
                }
                g.writeStringField("currency", random.nextBoolean() ? "EUR" : "USD");
            }
            if (type.equals("search")) {
                g.writeStringField("search_query", "running shoes");
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A Kinesis-source Firehose request carrying these payloads, one shard, increasing sequence numbers. */
    public static byte[] firehoseRequest(List<byte[]> payloads, long arrivalMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("invocationId", "00540a87-5050-496a-84e4-e7d92bbaf5e2");
            g.writeStringField("sourceKinesisStreamArn", "arn:aws:kinesis:us-east-1:123456789012:stream/firelake-events");
            g.writeStringField("deliveryStreamArn", SAMPLE_DELIVERY_STREAM_ARN);
            g.writeStringField("region", "us-east-1");
            g.writeArrayFieldStart("records");
            for (int i = 0; i < payloads.size(); i++) {
                g.writeStartObject();
                g.writeStringField("recordId", String.format("49546986683135544286507457936321625675700192471156785%03d", i));
                g.writeNumberField("approximateArrivalTimestamp", arrivalMillis + 5);
                g.writeFieldName("data");
                g.writeBinary(payloads.get(i));
                g.writeObjectFieldStart("kinesisRecordMetadata");
                g.writeStringField("shardId", "shardId-000000000000");
                g.writeStringField("partitionKey", "pk-" + i);
                g.writeNumberField("approximateArrivalTimestamp", arrivalMillis);
                g.writeStringField("sequenceNumber", String.format("49546986683135544286507457936321625675700192471156785%03d", i));
                g.writeStringField("subsequenceNumber", "");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
