package io.firelake.monitoring.errors;

import java.time.Instant;
import java.util.List;

/** Error documents read from an error prefix, and how many objects or lines could not be read. */
public record ErrorDocuments(List<ErrorDocument> documents, int unreadable) {
    public ErrorDocuments {
        documents = List.copyOf(documents);
    }

    /** Documents whose arrival falls in [from, to); those without an arrival time are kept, to be safe. */
    public ErrorDocuments arrivedBetween(Instant from, Instant to) {
        return new ErrorDocuments(documents.stream()
                .filter(d -> d.arrivalTimestamp() == null
                        || (!d.arrivalTimestamp().isBefore(from) && d.arrivalTimestamp().isBefore(to)))
                .toList(), unreadable);
    }
}
