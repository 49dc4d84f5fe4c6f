package io.firelake.endpoint.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An AWS service model trimmed to the operations the endpoint serves (see {@code aws-endpoint/models/}): the
 * operations' input shapes with their required members, lengths, ranges, patterns and enums, which the endpoint
 * enforces as the service does, and the metadata that names the protocol's target prefix.
 *
 * <p>The models are botocore's {@code service-2.json} files (Apache-2.0), the same the AWS CLI uses.
 */
public final class ServiceModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode root;

    private ServiceModel(JsonNode root) {
        this.root = root;
    }

    /** Loads {@code io/firelake/endpoint/models/<name>.json} from the class path. */
    public static ServiceModel load(String name) {
        String resource = "/io/firelake/endpoint/models/" + name + ".json";
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no service model " + resource + " on the class path");
            }
            return new ServiceModel(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    /** The {@code X-Amz-Target} prefix, for example {@code Firehose_20150804}. */
    public String targetPrefix() {
        return root.path("metadata").path("targetPrefix").asText();
    }

    /** The SigV4 signing name, which names the service in a request's credential scope ({@code monitoring}). */
    public String signingName() {
        JsonNode meta = root.path("metadata");
        return meta.path("signingName").asText(meta.path("endpointPrefix").asText());
    }

    /** The Query protocol's XML namespace, for services that have one. */
    public String xmlNamespace() {
        return root.path("metadata").path("xmlNamespace").asText();
    }

    /** The element the Query protocol wraps an operation's output in ({@code GetMetricDataResult}). */
    public Optional<String> resultWrapper(String operation) {
        JsonNode wrapper = root.path("operations").path(operation).path("output").path("resultWrapper");
        return wrapper.isMissingNode() ? Optional.empty() : Optional.of(wrapper.asText());
    }

    /**
     * The Query protocol's code of an error shape ({@code InvalidParameterValueException} is answered as
     * {@code InvalidParameterValue}), or the name itself for an error without a shape.
     */
    public String queryErrorCode(String errorShape) {
        return root.path("shapes").path(errorShape).path("error").path("code").asText(errorShape);
    }

    public boolean hasShape(String name) {
        return root.path("shapes").has(name);
    }

    public String serviceId() {
        return root.path("metadata").path("serviceId").asText();
    }

    public boolean hasOperation(String operation) {
        return root.path("operations").has(operation);
    }

    /** Whether the service has this operation at all, served here or not. */
    public boolean isOperationOfService(String operation) {
        for (JsonNode name : root.path("allOperations")) {
            if (name.asText().equals(operation)) {
                return true;
            }
        }
        return false;
    }

    public List<String> operations() {
        List<String> names = new ArrayList<>();
        root.path("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The name of the operation's input shape, if it has one. */
    public Optional<String> inputShape(String operation) {
        JsonNode input = root.path("operations").path(operation).path("input").path("shape");
        return input.isMissingNode() ? Optional.empty() : Optional.of(input.asText());
    }

    public JsonNode shape(String name) {
        JsonNode shape = root.path("shapes").path(name);
        if (shape.isMissingNode()) {
            throw new IllegalStateException("service model " + serviceId() + " has no shape " + name);
        }
        return shape;
    }
}
