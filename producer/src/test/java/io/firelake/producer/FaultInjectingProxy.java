package io.firelake.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of kinesalite that makes PutRecords fail the way Kinesis does under load: some
 * entries of a request are refused (they are removed from the request before it is forwarded, so kinesalite never
 * stores them, and answered with ProvisionedThroughputExceededException at their position), and some whole requests
 * are throttled with HTTP 400 LimitExceeded-style errors. Everything else passes through unchanged. It also records
 * the size of every PutRecords request, to check the limits.
 */
final class FaultInjectingProxy implements AutoCloseable {

    record RequestShape(int entries, long bytes, List<Integer> entryBytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Random random;
    private final double entryFailureRate;
    private final double requestThrottleRate;
    private final Predicate<byte[]> alwaysRefuse;
    final AtomicInteger refusedEntries = new AtomicInteger();
    final AtomicInteger throttledRequests = new AtomicInteger();
    final AtomicInteger throttledEntries = new AtomicInteger();
    final List<RequestShape> putRecordsRequests = new CopyOnWriteArrayList<>();

    /**
     * @param alwaysRefuse entries whose data matches are refused every time (to test giving up)
     */
    FaultInjectingProxy(URI target, long seed, double entryFailureRate, double requestThrottleRate,
                        Predicate<byte[]> alwaysRefuse) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.entryFailureRate = entryFailureRate;
        this.requestThrottleRate = requestThrottleRate;
        this.alwaysRefuse = alwaysRefuse;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (operation != null && operation.endsWith(".PutRecords")) {
                putRecords(exchange, body);
            } else {
                HttpResponse<byte[]> response = forward(exchange, body);
                reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type")
                        .orElse("application/x-amz-json-1.1"), response.body());
            }
        } catch (Exception e) {
            reply(exchange, 500, "application/x-amz-json-1.1",
                    ("{\"__type\":\"InternalFailure\",\"message\":\"proxy: " + e + "\"}").getBytes());
        } finally {
            exchange.close();
        }
    }

    private void putRecords(HttpExchange exchange, byte[] body) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        ArrayNode records = (ArrayNode) request.get("Records");
        long bytes = 0;
        List<Integer> entryBytes = new ArrayList<>();
        for (JsonNode record : records) {
            int size = Base64.getDecoder().decode(record.get("Data").asText()).length
                    + record.get("PartitionKey").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            entryBytes.add(size);
            bytes += size;
        }
        putRecordsRequests.add(new RequestShape(records.size(), bytes, entryBytes));
        boolean throttle;
        boolean[] refuse = new boolean[records.size()];
        synchronized (random) {
            throttle = random.nextDouble() < requestThrottleRate;
            for (int i = 0; i < refuse.length; i++) {
                byte[] data = Base64.getDecoder().decode(records.get(i).get("Data").asText());
                refuse[i] = alwaysRefuse.test(data) || random.nextDouble() < entryFailureRate;
            }
        }
        if (throttle) {
            throttledRequests.incrementAndGet();
            throttledEntries.addAndGet(records.size());
            reply(exchange, 400, "application/x-amz-json-1.1", ("{\"__type\":\"ProvisionedThroughputExceededException\","
                    + "\"message\":\"Rate exceeded for stream (injected by the test proxy)\"}").getBytes());
            return;
        }
        ArrayNode forwarded = JSON.createArrayNode();
        for (int i = 0; i < refuse.length; i++) {
            if (!refuse[i]) {
                forwarded.add(records.get(i));
            }
        }
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        JsonNode accepted = null;
        if (!forwarded.isEmpty()) {
            request.set("Records", forwarded);
            HttpResponse<byte[]> response = forward(exchange, JSON.writeValueAsBytes(request));
            if (response.statusCode() != 200) {
                reply(exchange, response.statusCode(), "application/x-amz-json-1.1", response.body());
                return;
            }
            accepted = JSON.readTree(response.body()).get("Records");
        }
        int next = 0;
        for (boolean refused : refuse) {
            if (refused) {
                refusedEntries.incrementAndGet();
                failed++;
                results.add(JSON.createObjectNode().put("ErrorCode", "ProvisionedThroughputExceededException")
                        .put("ErrorMessage", "Rate exceeded for shard (injected by the test proxy)"));
            } else {
                JsonNode result = accepted.get(next++);
                results.add(result);
                if (result.has("ErrorCode")) {
                    failed++;
                }
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("FailedRecordCount", failed);
        response.set("Records", results);
        reply(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(response));
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "proxy-" + System.nanoTime());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
