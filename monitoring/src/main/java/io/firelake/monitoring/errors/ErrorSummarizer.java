package io.firelake.monitoring.errors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts error documents by type, code and recomputed reason, and keeps a few samples per type: first one of each
 * distinct reason (so every kind of failure shows), then more in arrival order, in document order.
 */
public final class ErrorSummarizer {
    public static final int DEFAULT_SAMPLES_PER_TYPE = 3;
    public static final int DEFAULT_PREVIEW_CHARS = 160;

    private final ReasonClassifier classifier;
    private final int samplesPerType;

    public ErrorSummarizer(ReasonClassifier classifier, int samplesPerType) {
        this.classifier = classifier;
        this.samplesPerType = samplesPerType;
    }

    public ErrorSummarizer(ReasonClassifier classifier) {
        this(classifier, DEFAULT_SAMPLES_PER_TYPE);
    }

    public ErrorSummary summarize(Collection<ErrorDocument> documents, int unreadableObjects) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Map<String, Long>> byTypeAndCode = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Integer> samplesTaken = new HashMap<>();
        Set<String> reasonsSampled = new HashSet<>();
        TreeMap<Integer, ErrorSummary.Sample> chosen = new TreeMap<>();
        List<ErrorDocument> docs = List.copyOf(documents);
        List<String> reasons = new ArrayList<>();
        Instant latest = null;
        for (ErrorDocument doc : docs) {
            byType.merge(doc.errorOutputType(), 1L, Long::sum);
            byTypeAndCode.computeIfAbsent(doc.errorOutputType(), k -> new TreeMap<>())
                    .merge(doc.errorCode().isEmpty() ? "(none)" : doc.errorCode(), 1L, Long::sum);
            String reason = reason(doc);
            reasons.add(reason);
            byReason.merge(reason, 1L, Long::sum);
            if (doc.arrivalTimestamp() != null && (latest == null || doc.arrivalTimestamp().isAfter(latest))) {
                latest = doc.arrivalTimestamp();
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < docs.size(); i++) {
                ErrorDocument doc = docs.get(i);
                boolean newReason = reasonsSampled.add(doc.errorOutputType() + "/" + reasons.get(i));
                if ((pass == 1 || newReason) && !chosen.containsKey(i)
                        && samplesTaken.getOrDefault(doc.errorOutputType(), 0) < samplesPerType) {
                    samplesTaken.merge(doc.errorOutputType(), 1, Integer::sum);
                    chosen.put(i, new ErrorSummary.Sample(doc.errorOutputType(), doc.errorCode(), doc.errorMessage(),
                            reasons.get(i), doc.rawPreview(DEFAULT_PREVIEW_CHARS), doc.objectKey(),
                            doc.arrivalTimestamp()));
                }
            }
        }
        List<ErrorSummary.Sample> samples = new ArrayList<>(chosen.values());
        Map<String, Map<String, Long>> frozen = new TreeMap<>();
        byTypeAndCode.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new ErrorSummary(docs.size(), byType, frozen, byReason, samples, unreadableObjects, latest);
    }

    /** Our validator's reason when it finds one; Firehose's errorCode otherwise (e.g. a Lambda that threw). */
    private String reason(ErrorDocument doc) {
        try {
            Instant processedAt = doc.arrivalTimestamp() != null ? doc.arrivalTimestamp() : Instant.now();
            return classifier.reasonFor(doc.rawBytes(), processedAt)
                    .orElse(doc.errorCode().isEmpty() ? "UNKNOWN" : doc.errorCode());
        } catch (RuntimeException classifierBug) {
            return doc.errorCode().isEmpty() ? "UNKNOWN" : doc.errorCode();
        }
    }
}
