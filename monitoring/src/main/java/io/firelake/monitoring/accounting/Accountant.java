package io.firelake.monitoring.accounting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reconciles the producer manifest with the lake, record by record.
 *
 * <p>An event is what the producer meant to send once: manifest lines that share an event_id are one event (a
 * producer-side duplicate is sent twice but counted once, and its second copy shows as a duplicate); a line without
 * an event_id (malformed JSON, a ping) is an event of its own. Each event is looked for, in order: in the raw Parquet
 * by event_id (delivered), in the error prefix by the sha256 of its payload (failed), among dropped records by that
 * sha256 (dropped); found nowhere, it is lost. Error documents and dropped records are consumed one per event, so two
 * identical failing payloads need two error documents.
 *
 * <p>Records the producer reports as failed (after its retries) never entered the stream: they are not produced,
 * and are counted apart. When the delivery stream reports only a count of dropped records, that count is given to
 * otherwise unmatched events of a droppable kind (health-check pings), never to other events.
 */
public final class Accountant {

    public static final String DELIVERED = "delivered";
    public static final String DROPPED = "dropped";
    public static final String FAILED = "failed";
    public static final String LOST = "lost";
    /** Manifest kinds the transform drops on purpose. */
    public static final Set<String> DROPPABLE_KINDS = Set.of("health_check", "ping");

    public AccountingReport reconcile(List<ManifestEntry> manifest, LakeInventory lake) {
        Map<String, List<ManifestEntry>> byEventId = new LinkedHashMap<>();
        List<List<ManifestEntry>> events = new ArrayList<>();
        long notAccepted = 0;
        long resends = 0;
        for (ManifestEntry entry : manifest) {
            if (!entry.acceptedByStream()) {
                notAccepted++;
            } else if (entry.eventId().isPresent()) {
                List<ManifestEntry> group = byEventId.get(entry.eventId().get());
                if (group == null) {
                    group = new ArrayList<>();
                    byEventId.put(entry.eventId().get(), group);
                    events.add(group);
                } else {
                    resends++;
                }
                group.add(entry);
            } else {
                events.add(List.of(entry));
            }
        }
        Map<String, Integer> failedLeft = new HashMap<>(lake.failedBySha256());
        Map<String, Integer> droppedLeft = new HashMap<>(lake.droppedBySha256());
        long unattributedDropsLeft = lake.droppedUnattributed();
        long delivered = 0, dropped = 0, failed = 0, duplicates = 0;
        List<String> lostIds = new ArrayList<>();
        List<String> lostWithoutId = new ArrayList<>();
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        for (List<ManifestEntry> event : events) {
            ManifestEntry first = event.get(0);
            Optional<String> eventId = first.eventId();
            int copies = eventId.map(id -> lake.deliveredByEventId().getOrDefault(id, 0)).orElse(0);
            String outcome;
            if (copies > 0) {
                delivered++;
                duplicates += copies - 1;
                outcome = DELIVERED;
            } else if (take(failedLeft, event)) {
                failed++;
                outcome = FAILED;
            } else if (take(droppedLeft, event)) {
                dropped++;
                outcome = DROPPED;
            } else if (unattributedDropsLeft > 0 && DROPPABLE_KINDS.contains(first.kind())) {
                unattributedDropsLeft--;
                dropped++;
                outcome = DROPPED;
            } else {
                outcome = LOST;
                if (eventId.isPresent()) {
                    lostIds.add(eventId.get());
                } else {
                    lostWithoutId.add(first.payloadSha256());
                }
            }
            byKind.computeIfAbsent(first.kind(), k -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
        }
        long lost = lostIds.size() + lostWithoutId.size();
        return new AccountingReport(events.size(), delivered, dropped, failed, duplicates, lost, lostIds,
                lostWithoutId, byKind, notAccepted, resends);
    }

    private static boolean take(Map<String, Integer> available, List<ManifestEntry> event) {
        for (ManifestEntry entry : event) {
            Integer left = available.get(entry.payloadSha256());
            if (left != null && left > 0) {
                available.put(entry.payloadSha256(), left - 1);
                return true;
            }
        }
        return false;
    }
}
