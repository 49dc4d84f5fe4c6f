package io.firelake.monitoring.errors;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the error prefix holds: counts by error output type, then by errorCode and by the reason recomputed from
 * the raw record, with a few decoded samples of each type.
 */
public record ErrorSummary(
        long total,
        Map<String, Long> byOutputType,
        Map<String, Map<String, Long>> byOutputTypeAndErrorCode,
        Map<String, Long> byReason,
        List<Sample> samples,
        int unreadableObjects,
        Instant latestArrival) {

    public ErrorSummary {
        byOutputType = Map.copyOf(byOutputType);
        byOutputTypeAndErrorCode = Map.copyOf(byOutputTypeAndErrorCode);
        byReason = Map.copyOf(byReason);
        samples = List.copyOf(samples);
    }

    public static ErrorSummary empty() {
        return new ErrorSummary(0, Map.of(), Map.of(), Map.of(), List.of(), 0, null);
    }

    public long count(String outputType) {
        return byOutputType.getOrDefault(outputType, 0L);
    }

    /** One failed record, readable: where it is, Firehose's code and message, our reason, the decoded payload. */
    public record Sample(String errorOutputType, String errorCode, String errorMessage, String reason,
                         String rawPreview, String objectKey, Instant arrivalTimestamp) {
    }
}
