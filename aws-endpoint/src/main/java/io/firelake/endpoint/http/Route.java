package io.firelake.endpoint.http;

import io.firelake.endpoint.json.JsonService;

/** Where one request goes: a service firelake serves, a local engine it forwards to, or nowhere (with why). */
public sealed interface Route {

    record Served(JsonService service, String operation) implements Route {
    }

    /** @param service the SigV4 signing name of the engine's API, for example {@code kinesis} or {@code s3} */
    record Forwarded(String service) implements Route {
    }

    record Unroutable(String errorType, String message) implements Route {
    }
}
