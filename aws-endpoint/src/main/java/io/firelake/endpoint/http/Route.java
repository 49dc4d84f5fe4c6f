package io.firelake.endpoint.http;

import io.firelake.endpoint.json.JsonService;

/** Where one request goes: a service firelake serves, a local engine it forwards to, or nowhere (with why). */
public sealed interface Route {

    /** The wire protocols of the served services. */
    enum Protocol {
        /** AWS JSON 1.0/1.1: {@code X-Amz-Target}, JSON bodies. */
        JSON,
        /** Smithy RPC v2 CBOR: {@code /service/<S>/operation/<Op>}, CBOR bodies. */
        RPC_V2_CBOR,
        /** AWS Query: a form with {@code Action}, XML answers; the operation is read from the body. */
        QUERY
    }

    /** @param operation the operation's name, or null for the Query protocol, which names it in the body */
    record Served(JsonService service, String operation, Protocol protocol) implements Route {
        public Served(JsonService service, String operation) {
            this(service, operation, Protocol.JSON);
        }
    }

    /** @param service the SigV4 signing name of the engine's API, for example {@code kinesis} or {@code s3} */
    record Forwarded(String service) implements Route {
    }

    record Unroutable(String errorType, String message) implements Route {
    }
}
