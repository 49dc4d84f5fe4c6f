package io.firelake.monitoring.errors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts error documents by type, code and recomputed reason, keeping the first few of each type as samples. */
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
        List<ErrorSummary.Sample> samples = new ArrayList<>();
        Instant latest = null;
        for (ErrorDocument doc : documents) {
            byType.merge(doc.errorOutputType(), 1L, Long::sum);
            byTypeAndCode.computeIfAbsent(doc.errorOutputType(), k -> new TreeMap<>())
                    .merge(doc.errorCode().isEmpty() ? "(none)" : doc.errorCode(), 1L, Long::sum);
            String reason = reason(doc);
            byReason.merge(reason, 1L, Long::sum);
            if (samplesTaken.merge(doc.errorOutputType(), 1, Integer::sum) <= samplesPerType) {
                samples.add(new ErrorSummary.Sample(doc.errorOutputType(), doc.errorCode(), doc.errorMessage(), reason,
                        doc.rawPreview(DEFAULT_PREVIEW_CHARS), doc.objectKey(), doc.arrivalTimestamp()));
            }
            if (doc.arrivalTimestamp() != null && (latest == null || doc.arrivalTimestamp().isAfter(latest))) {
                latest = doc.arrivalTimestamp();
            }
        }
        Map<String, Map<String, Long>> frozen = new TreeMap<>();
        byTypeAndCode.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new ErrorSummary(documents.size(), byType, frozen, byReason, samples, unreadableObjects, latest);
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
