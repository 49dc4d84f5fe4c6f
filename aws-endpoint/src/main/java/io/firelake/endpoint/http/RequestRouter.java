package io.firelake.endpoint.http;

import io.firelake.endpoint.json.JsonService;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which service a request is for, the way AWS's front ends do: the path of the Smithy RPC v2 protocol
 * ({@code /service/GraniteServiceVersion20100801/operation/GetMetricData}), the {@code X-Amz-Target} header of the JSON
 * protocols ({@code Firehose_20150804.PutRecordBatch}), else the service named in the SigV4 credential scope
 * ({@code Credential=KEY/20261206/us-east-1/s3/aws4_request}), in the {@code Authorization} header or a presigned
 * URL's {@code X-Amz-Credential}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html">SigV4 credential scope</a>
 */
public final class RequestRouter {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE =
            Pattern.compile("X-Amz-Credential=[^&]*?(?:/|%2F)\\d{8}(?:/|%2F)[^/%]+(?:/|%2F)([^/%&]+)(?:/|%2F)aws4_request");

    private static final Pattern RPC_V2_PATH = Pattern.compile("/service/([^/]+)/operation/([^/?]+)");

    private final Map<String, JsonService> servedByTarget;
    /** Services of the Query and RPC v2 CBOR protocols, by SigV4 signing name and by Smithy service name. */
    private final Map<String, JsonService> servedBySigningName;
    private final Map<String, JsonService> servedByRpcV2Name;
    /** Target prefixes of the JSON APIs that are forwarded, by the signing name of their engine. */
    private final Map<String, String> forwardedTargets;
    private final Set<String> forwardedServices;

    public RequestRouter(Map<String, JsonService> servedByTarget, Map<String, String> forwardedTargets,
                         Set<String> forwardedServices) {
        this(servedByTarget, Map.of(), forwardedTargets, forwardedServices);
    }

    public RequestRouter(Map<String, JsonService> servedByTarget, Map<String, JsonService> servedBySigningName,
                         Map<String, String> forwardedTargets, Set<String> forwardedServices) {
        this.servedByTarget = Map.copyOf(servedByTarget);
        this.servedBySigningName = Map.copyOf(servedBySigningName);
        Map<String, JsonService> rpc = new java.util.HashMap<>();
        servedBySigningName.values().stream().filter(s -> s.rpcV2Service() != null)
                .forEach(s -> rpc.put(s.rpcV2Service(), s));
        this.servedByRpcV2Name = Map.copyOf(rpc);
        this.forwardedTargets = Map.copyOf(forwardedTargets);
        this.forwardedServices = Set.copyOf(forwardedServices);
    }

    public Route route(String target, String authorization, String query) {
        return route(target, authorization, query, null);
    }

    /** Also routes Smithy RPC v2 requests by their path ({@code /service/<S>/operation/<Op>}). */
    public Route route(String target, String authorization, String query, String path) {
        Matcher rpc = path == null ? null : RPC_V2_PATH.matcher(path);
        if (rpc != null && rpc.matches()) {
            JsonService served = servedByRpcV2Name.get(rpc.group(1));
            if (served != null) {
                return new Route.Served(served, rpc.group(2), Route.Protocol.RPC_V2_CBOR);
            }
            return new Route.Unroutable("UnknownOperationException", "firelake's local endpoint does not serve the "
                    + "Smithy RPC v2 service " + rpc.group(1) + "; it serves "
                    + new TreeSet<>(servedByRpcV2Name.keySet()));
        }
        if (target != null && !target.isBlank()) {
            int dot = target.indexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            String operation = dot < 0 ? "" : target.substring(dot + 1);
            JsonService served = servedByTarget.get(prefix);
            if (served != null) {
                return new Route.Served(served, operation);
            }
            String forwarded = forwardedTargets.get(prefix);
            if (forwarded != null) {
                return new Route.Forwarded(forwarded);
            }
            return new Route.Unroutable("UnknownOperationException", "firelake's local endpoint does not serve "
                    + "X-Amz-Target " + target + "; it serves the targets " + targets());
        }
        Optional<String> service = scope(authorization, SCOPE).or(() -> scope(query, QUERY_SCOPE));
        if (service.isPresent()) {
            JsonService byName = servedBySigningName.get(service.get());
            if (byName != null) {
                return new Route.Served(byName, null, Route.Protocol.QUERY);
            }
            if (forwardedServices.contains(service.get())) {
                return new Route.Forwarded(service.get());
            }
            return new Route.Unroutable("UnknownOperationException", "firelake's local endpoint does not serve the "
                    + "service '" + service.get() + "' named in the request's credential scope; it serves "
                    + signingNames() + " by signing name and the targets " + targets());
        }
        return new Route.Unroutable("MissingAuthenticationTokenException", "The request names no AWS service: "
                + "it has no X-Amz-Target header and no SigV4 credential scope (sign it with any credentials, as an "
                + "AWS SDK or the AWS CLI does)");
    }

    private Set<String> signingNames() {
        Set<String> all = new TreeSet<>(forwardedServices);
        all.addAll(servedBySigningName.keySet());
        return all;
    }

    private Set<String> targets() {
        Set<String> all = new TreeSet<>(servedByTarget.keySet());
        all.addAll(forwardedTargets.keySet());
        return all;
    }

    private static Optional<String> scope(String text, Pattern pattern) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
