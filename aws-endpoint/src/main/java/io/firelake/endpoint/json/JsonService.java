package io.firelake.endpoint.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One AWS service served over an AWS JSON protocol: each operation's body is checked against the service model,
 * read into the SDK's request class, handled, and the SDK response object written back as JSON.
 */
public final class JsonService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceModel model;
    private final ModelValidator validator;
    private final Map<String, Function<JsonNode, SdkPojo>> operations;

    private final String rpcV2Service;

    private JsonService(ServiceModel model, Map<String, Function<JsonNode, SdkPojo>> operations,
                        String rpcV2Service) {
        this.model = model;
        this.rpcV2Service = rpcV2Service;
        this.validator = new ModelValidator(model);
        this.operations = Map.copyOf(operations);
    }

    public static Builder builder(ServiceModel model) {
        return new Builder(model);
    }

    public ServiceModel model() {
        return model;
    }

    public List<String> servedOperations() {
        return operations.keySet().stream().sorted().toList();
    }

    /**
     * The Smithy service name under which it is also served in the RPC v2 CBOR protocol
     * ({@code /service/<name>/operation/<Op>}), or null.
     */
    public String rpcV2Service() {
        return rpcV2Service;
    }

    /** Answers one request: the response body, or an {@link AwsServiceException} in the service's own terms. */
    public byte[] handle(String operation, byte[] body) {
        try {
            return JSON.writeValueAsBytes(SdkJson.write(answer(operation, parse(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + operation + " response", e);
        }
    }

    /**
     * Answers one request read into a tree by its protocol: checked against the model, handled, the SDK response
     * object returned for the protocol to write.
     */
    public SdkPojo answer(String operation, JsonNode request) {
        Function<JsonNode, SdkPojo> handler = operations.get(operation);
        if (handler == null) {
            String why = model.isOperationOfService(operation)
                    ? "firelake's local endpoint does not serve " + model.serviceId() + " " + operation
                    : operation + " is not an operation of " + model.serviceId();
            throw AwsServiceException.of("UnknownOperationException",
                    why + "; it serves " + String.join(", ", servedOperations()));
        }
        validator.validate(operation, request);
        return handler.apply(request);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw AwsServiceException.serialization("The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw AwsServiceException.serialization("The request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw AwsServiceException.serialization("The request body cannot be read: " + e.getMessage());
        }
    }

    public static final class Builder {
        private final ServiceModel model;
        private final Map<String, Function<JsonNode, SdkPojo>> operations = new LinkedHashMap<>();
        private String rpcV2Service;

        private Builder(ServiceModel model) {
            this.model = model;
        }

        /**
         * Serves {@code name}: its body is read into the request built by {@code request} and handed to
         * {@code handler}, whose answer is written back.
         */
        public <T> Builder operation(String name, Supplier<? extends SdkBuilder<?, T>> request,
                                     Function<T, ? extends SdkPojo> handler) {
            if (!model.hasOperation(name)) {
                throw new IllegalArgumentException(model.serviceId() + " has no operation " + name
                        + " in the trimmed model: add it to aws-endpoint/models/ and regenerate");
            }
            operations.put(name, body -> handler.apply(SdkJson.read(body, request.get())));
            return this;
        }

        /** Also serves the operations in Smithy RPC v2 CBOR, under this Smithy service name. */
        public Builder rpcV2Cbor(String smithyService) {
            this.rpcV2Service = smithyService;
            return this;
        }

        public JsonService build() {
            return new JsonService(model, operations, rpcV2Service);
        }
    }
}
