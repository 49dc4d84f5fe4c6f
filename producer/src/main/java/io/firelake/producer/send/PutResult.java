package io.firelake.producer.send;

import java.util.List;

/**
 * What one PutRecords request came back with.
 *
 * @param outcomes one per entry, in request order
 * @param attempts how many times the sink sent the whole request (more than 1 when the SDK retried it)
 */
public record PutResult(List<PutOutcome> outcomes, int attempts) {

    public PutResult {
        outcomes = List.copyOf(outcomes);
        attempts = Math.max(1, attempts);
    }
}
