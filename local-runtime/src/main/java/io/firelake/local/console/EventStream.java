package io.firelake.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/events}: server-sent events, one {@code event: <view>} with the view's JSON whenever it changed. Each
 * view is computed at most once per its own period however many pages are open, and not at all when none is: the
 * console costs the pipeline nothing unless someone looks.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent events</a>
 */
final class EventStream implements AutoCloseable {

    /** How often each view is recomputed: the live figures every second, what reads disk or DynamoDB less often. */
    static final Map<String, Duration> PERIODS = Map.of("state", Duration.ofSeconds(1), "errors", Duration.ofSeconds(3),
            "lake", Duration.ofSeconds(3), "speed", Duration.ofSeconds(3), "monitor", Duration.ofSeconds(5));

    private record Cached(long computedNanos, String json) {
    }

    private final ConsoleApi api;
    private final Duration tick;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile boolean closed;

    EventStream(ConsoleApi api, Duration tick) {
        this.api = api;
        this.tick = tick;
    }

    /** Streams until the page goes away or the console stops; runs on the request's thread. */
    void serve(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        Map<String, String> sent = new HashMap<>();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed) {
                StringBuilder batch = new StringBuilder();
                for (String view : ConsoleApi.VIEWS) {
                    String json = current(view);
                    if (!json.equals(sent.put(view, json))) {
                        batch.append("event: ").append(view).append("\ndata: ").append(json).append("\n\n");
                    }
                }
                if (batch.isEmpty()) {
                    batch.append(": tick\n\n"); // finds a closed page within a tick
                }
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(tick.toMillis());
            }
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e); // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
    }

    private String current(String view) {
        long now = System.nanoTime();
        Cached cached = cache.get(view);
        if (cached != null && now - cached.computedNanos() < PERIODS.get(view).toNanos() - tick.toNanos() / 2) {
            return cached.json();
        }
        synchronized (this) {
            cached = cache.get(view);
            if (cached != null && now - cached.computedNanos() < PERIODS.get(view).toNanos() - tick.toNanos() / 2) {
                return cached.json();
            }
            String json;
            try {
                json = api.view(view, Map.of()).map(JsonNode::toString).orElse("{}");
            } catch (Exception e) {
                json = "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        e.getClass().getSimpleName() + ": " + e.getMessage()) + "}";
            }
            cache.put(view, new Cached(System.nanoTime(), json));
            return json;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
