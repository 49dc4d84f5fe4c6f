package io.firelake.local.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/** The figures behind the console: one JSON document per view, and the one action that changes anything. */
public interface ConsoleApi {

    /** The views the console's page shows, in the order it shows them; each is also {@code GET /api/<name>}. */
    java.util.List<String> VIEWS = java.util.List.of("state", "monitor", "errors", "lake", "speed");

    /** A view by name, or empty when there is none; {@code query} carries the request's parameters. */
    Optional<JsonNode> view(String name, Map<String, String> query) throws Exception;

    /** Runs {@code replay-errors}: the error prefix's records back into the stream, once each. */
    JsonNode replay() throws Exception;
}
