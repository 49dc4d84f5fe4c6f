package io.firelake.monitoring.accounting;

import java.util.List;
import java.util.Map;

/**
 * The reconciliation: every produced event in exactly one of delivered, dropped, failed and lost, so
 * {@code produced == delivered + dropped + failed + lost}; duplicates counts the extra copies of delivered events.
 *
 * @param lostEventIds the event ids of lost events, in manifest order
 * @param lostWithoutId lost records that carried no event id (named by payload sha256 instead)
 * @param notAcceptedByStream manifest lines the producer reported as failed (never in the stream, not produced)
 * @param resends manifest lines that sent an event_id already sent (a producer-side duplicate): one event each
 */
public record AccountingReport(long produced, long delivered, long dropped, long failed, long duplicates, long lost,
                               List<String> lostEventIds, List<String> lostWithoutId,
                               Map<String, Map<String, Long>> outcomeByKind, long notAcceptedByStream,
                               long resends) {
    public static final int DEFAULT_NAMED_LOST = 20;

    public AccountingReport {
        lostEventIds = List.copyOf(lostEventIds);
        lostWithoutId = List.copyOf(lostWithoutId);
        outcomeByKind = Map.copyOf(outcomeByKind);
        if (produced != delivered + dropped + failed + lost) {
            throw new IllegalStateException("accounting does not add up: " + line());
        }
    }

    /** The one line scripts and the demo grep for. */
    public String line() {
        return "accounting: produced=" + produced + " delivered=" + delivered + " dropped=" + dropped
                + " failed=" + failed + " duplicates=" + duplicates + " lost=" + lost;
    }

    /** Names the first {@code limit} lost events (by id, else by payload sha256) and how many there are. */
    public String lostSummary(int limit) {
        if (lost == 0) {
            return "";
        }
        List<String> named = new java.util.ArrayList<>(lostEventIds);
        lostWithoutId.forEach(sha -> named.add("sha256:" + sha));
        List<String> first = named.subList(0, Math.min(limit, named.size()));
        return "lost " + lost + " events" + (named.size() > limit ? " (first " + limit + ")" : "") + ": "
                + String.join(", ", first);
    }
}
