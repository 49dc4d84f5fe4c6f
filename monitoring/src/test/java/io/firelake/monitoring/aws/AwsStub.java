package io.firelake.monitoring.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers AWS SDK calls with hand-written responses in each service's wire protocol:
 * CloudWatch (Smithy RPC v2 CBOR), Firehose and Kinesis (AWS JSON 1.1), S3 (REST XML). It records every request.
 */
final class AwsStub implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String target() {
            List<String> target = headers.get("X-amz-target");
            return target == null ? "" : target.get(0);
        }
    }

    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(String body) {
            return new Response(200, "application/x-amz-json-1.1", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of());
        }

        static Response xml(String body) {
            return new Response(200, "application/xml", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        }

        static Response cbor(byte[] body) {
            return new Response(200, "application/cbor", body, Map.of("smithy-protocol", "rpc-v2-cbor"));
        }

        static Response bytes(byte[] body) {
            return new Response(200, "application/octet-stream", body, Map.of());
        }
    }

    @FunctionalInterface
    interface Handler {
        Response handle(Request request) throws IOException;
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    AwsStub(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Response response;
            try {
                response = handler.handle(request);
            } catch (RuntimeException | IOException e) {
                response = new Response(500, "text/plain", String.valueOf(e).getBytes(), Map.of());
            }
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request");
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
