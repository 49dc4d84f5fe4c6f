package io.firelake.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's one handler: the page and its assets, {@code GET /api/<view>}, the live stream
 * ({@code GET /api/events}) and {@code POST /api/replay}, behind {@link ConsoleGuard}. Failures are answered as
 * {@code {"error": "..."}}, never as a stack trace.
 */
final class ConsoleHandler extends Handler.Abstract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The page and its scripts only from here, and it may not be framed (the replay button must not be clickjacked). */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final ConsoleApi api;
    private final ConsoleGuard guard;
    private final StaticAssets assets;
    private final EventStream events;

    ConsoleHandler(ConsoleApi api, ConsoleGuard guard, StaticAssets assets, EventStream events) {
        this.api = api;
        this.guard = guard;
        this.assets = assets;
        this.events = events;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", CSP);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!guard.mayRead(host)) {
            return error(response, callback, 403, "refused: the Host header (" + host + ") does not name this machine; "
                    + "open the console at http://127.0.0.1:PORT/");
        }
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        try {
            if (path.equals("/api/replay")) {
                if (!method.equals("POST")) {
                    return error(response, callback, 405, "POST only");
                }
                String refused = guard.refuseAction(host, request.getHeaders().get(HttpHeader.ORIGIN),
                        request.getHeaders().get(ConsoleGuard.TOKEN_HEADER));
                return refused != null ? error(response, callback, 403, "refused: " + refused)
                        : json(response, callback, 200, api.replay());
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return error(response, callback, 405, "GET only");
            }
            if (path.equals("/api/events")) {
                events.serve(response, callback);
                return true;
            }
            if (path.startsWith("/api/")) {
                Optional<JsonNode> view = api.view(path.substring("/api/".length()), query(request));
                return view.isPresent() ? json(response, callback, 200, view.get())
                        : error(response, callback, 404, "no view " + path + "; there are /api/" 
                                + String.join(", /api/", ConsoleApi.VIEWS) + ", /api/events");
            }
            Optional<StaticAssets.Asset> asset = assets.get(path);
            if (asset.isEmpty()) {
                return error(response, callback, 404, "not found: " + path);
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.get().contentType());
            response.write(true, ByteBuffer.wrap(asset.get().body()), callback);
            return true;
        } catch (IllegalArgumentException e) {
            return error(response, callback, 400, e.getMessage());
        } catch (Exception e) {
            return error(response, callback, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(f -> query.put(f.getName(), f.getValue()));
        return query;
    }

    private static boolean json(Response response, Callback callback, int status, JsonNode body) throws Exception {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
        return true;
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String body = JSON.createObjectNode().put("error", message).toString();
        Content.Sink.write(response, true, body, callback);
        return true;
    }
}
