package io.firelake.monitoring.accounting;

import java.util.Objects;
import java.util.Optional;

/**
 * One record the producer sent, from its manifest line {@code {"event_id": ... or null, "payload_sha256": ...,
 * "kind": "valid" | fault name, ...}}.
 */
public record ManifestEntry(Optional<String> eventId, String payloadSha256, String kind) {
    public ManifestEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        kind = kind == null ? "unknown" : kind;
    }
}
