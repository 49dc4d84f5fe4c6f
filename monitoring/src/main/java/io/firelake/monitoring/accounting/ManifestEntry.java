package io.firelake.monitoring.accounting;

import java.util.Objects;
import java.util.Optional;

/**
 * One record the producer sent, from its manifest line {@code {"event_id": ... or null, "payload_sha256": ...,
 * "kind": "valid" | fault name, "status": "delivered" | "failed", ...}}. {@code acceptedByStream} is false for
 * {@code "status": "failed"}: the producer gave up on it after its retries, so it never entered the pipeline.
 */
public record ManifestEntry(Optional<String> eventId, String payloadSha256, String kind, boolean acceptedByStream) {
    public ManifestEntry(Optional<String> eventId, String payloadSha256, String kind) {
        this(eventId, payloadSha256, kind, true);
    }

    public ManifestEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        kind = kind == null ? "unknown" : kind;
    }
}
