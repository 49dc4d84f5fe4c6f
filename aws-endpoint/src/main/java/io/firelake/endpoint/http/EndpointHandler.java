package io.firelake.endpoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.protocol.AwsQuery;
import io.firelake.endpoint.protocol.RpcV2Cbor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The endpoint's one handler: refuses what is not from this machine ({@link LoopbackGuard}), routes the rest
 * ({@link RequestRouter}), answers the served APIs itself in their protocols (AWS JSON, Smithy RPC v2 CBOR, AWS Query)
 * and streams the others to their local engine through Jetty's reverse proxy. Every failure is answered in the error
 * shape of the request's protocol; nothing escapes as a stack trace.
 */
final class EndpointHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final RequestRouter router;
    private final Map<String, ProxyHandler> upstreams = new LinkedHashMap<>();

    EndpointHandler(RequestRouter router, Map<String, URI> upstreams) {
        this.router = router;
        upstreams.forEach((service, uri) -> {
            ProxyHandler proxy = new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
                    .scheme(uri.getScheme()).host(uri.getHost()).port(uri.getPort()));
            this.upstreams.put(service, proxy);
            addBean(proxy);
        });
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        upstreams.values().forEach(p -> p.setServer(server));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if (!LoopbackGuard.isLoopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
            return error(request, response, callback, 403, "AccessDeniedException", "firelake's local endpoint answers only "
                    + "requests addressed to a loopback host (localhost, 127.0.0.1, [::1])");
        }
        if (LoopbackGuard.isBrowserCrossOrigin(request.getHeaders().get(HttpHeader.ORIGIN))) {
            return error(request, response, callback, 403, "AccessDeniedException",
                    "firelake's local endpoint does not answer cross-origin browser requests");
        }
        Route route = router.route(request.getHeaders().get("X-Amz-Target"),
                request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHttpURI().getQuery(),
                request.getHttpURI().getPath());
        if (route instanceof Route.Forwarded forwarded) {
            ProxyHandler proxy = upstreams.get(forwarded.service());
            if (proxy == null) {
                return error(request, response, callback, 503, "ServiceUnavailableException",
                        "the local " + forwarded.service() + " engine is not running");
            }
            return proxy.handle(request, response, callback);
        }
        if (route instanceof Route.Unroutable unroutable) {
            return error(request, response, callback, 400, unroutable.errorType(), unroutable.message());
        }
        Route.Served served = (Route.Served) route;
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readAllBytes();
        }
        String operation = served.operation();
        try {
            switch (served.protocol()) {
                case JSON -> respond(response, callback, JSON_1_1, served.service().handle(operation, body));
                case RPC_V2_CBOR -> {
                    response.getHeaders().put(RpcV2Cbor.PROTOCOL_HEADER, RpcV2Cbor.PROTOCOL);
                    respond(response, callback, RpcV2Cbor.CONTENT_TYPE,
                            RpcV2Cbor.write(served.service().answer(operation, RpcV2Cbor.read(body))));
                }
                case QUERY -> {
                    AwsQuery.Request query = AwsQuery.read(body, served.service().model());
                    operation = query.action();
                    respond(response, callback, "text/xml", AwsQuery.write(operation,
                            served.service().answer(operation, query.input()), served.service().model(), requestId));
                }
            }
            return true;
        } catch (AwsServiceException e) {
            return error(request, response, callback, e.status(), e.errorType(), e.getMessage(), served,
                    e.members());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed ({})", served.service().model().serviceId(), operation, requestId, e);
            return error(request, response, callback, 500, "InternalFailure", served.service().model().serviceId()
                    + " " + operation + " failed inside firelake's local endpoint: " + e
                    + " (request " + requestId + "; the endpoint's log has the details)", served, Map.of());
        }
    }

    private static void respond(Response response, Callback callback, String contentType, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static boolean error(Request request, Response response, Callback callback, int status, String type,
                                 String message) {
        return error(request, response, callback, status, type, message, null, Map.of());
    }

    /**
     * An error in the shape the client reads: the JSON protocols' {@code __type}/{@code message}, or, for a request of
     * the Query protocol (a form-encoded body, as the AWS CLI sends to CloudWatch or SQS), its XML
     * {@code ErrorResponse}.
     */
    private static boolean error(Request request, Response response, Callback callback, int status, String type,
                                 String message, Route.Served served, Map<String, String> members) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean queryCompatible = served != null && served.protocol() != Route.Protocol.JSON;
        // Query-compatible services name errors by their Query codes (InvalidParameterValue), validation as
        // ValidationError, an unknown action InvalidAction.
        String code = !queryCompatible ? type : switch (type) {
            case "ValidationException" -> "ValidationError";
            case "UnknownOperationException" -> "InvalidAction";
            default -> served.service().model().queryErrorCode(type);
        };
        byte[] body;
        if (RpcV2Cbor.PROTOCOL.equals(request.getHeaders().get(RpcV2Cbor.PROTOCOL_HEADER))) {
            String shape = queryCompatible && served.service().model().hasShape(type) ? type : code;
            body = RpcV2Cbor.error(shape, message);
            response.getHeaders().put(RpcV2Cbor.PROTOCOL_HEADER, RpcV2Cbor.PROTOCOL);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, RpcV2Cbor.CONTENT_TYPE);
            response.getHeaders().put("x-amzn-query-error", code + ";" + (status < 500 ? "Sender" : "Receiver"));
            type = shape;
        } else if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            type = code;
            body = ("<ErrorResponse xmlns=\"http://webservices.amazon.com/AWSFault/2005-15-09\"><Error><Type>"
                    + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + AwsQuery.escape(type)
                    + "</Code><Message>"
                    + AwsQuery.escape(message) + "</Message></Error><RequestId>"
                    + AwsQuery.escape(response.getHeaders().get("x-amzn-RequestId")) + "</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        } else {
            ObjectNode json = JSON.createObjectNode().put("__type", type).put("message", message);
            members.forEach(json::put);
            body = json.toString().getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_1_1);
        }
        response.setStatus(status);
        response.getHeaders().put("x-amzn-ErrorType", type);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
