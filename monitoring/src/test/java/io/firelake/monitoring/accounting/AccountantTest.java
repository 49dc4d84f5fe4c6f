package io.firelake.monitoring.accounting;

import io.firelake.monitoring.errors.ErrorDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccountantTest {

    private static ManifestEntry sent(String eventId, String payload, String kind) {
        return new ManifestEntry(Optional.ofNullable(eventId), sha(payload), kind);
    }

    private static String sha(String payload) {
        return ErrorDocument.sha256Hex(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyEventLandsInExactlyOneOutcome() {
        List<ManifestEntry> manifest = List.of(
                sent("e1", "{e1}", "valid"),
                sent("e2", "{e2}", "valid"),
                sent("e2", "{e2}", "duplicate"),            // the producer sent e2 twice: one event
                sent("e3", "{e3}", "valid"),                // Firehose delivered e3 twice (at least once)
                sent(null, "{not json", "malformed_json"),
                sent("e4", "{e4 missing}", "missing_field"),
                sent(null, "{\"health_check\":true}", "health_check"),
                sent(null, "{\"health_check\":true}", "health_check"),
                sent("e5", "{e5}", "valid"),                // nowhere: lost
                sent(null, "{lost garbage", "malformed_json")); // nowhere: lost, no id
        LakeInventory lake = new LakeInventory(
                Map.of("e1", 1, "e2", 2, "e3", 2),
                Map.of(sha("{not json"), 1, sha("{e4 missing}"), 1),
                Map.of(sha("{\"health_check\":true}"), 2));

        AccountingReport report = new Accountant().reconcile(manifest, lake);

        assertThat(report.line())
                .isEqualTo("accounting: produced=9 delivered=3 dropped=2 failed=2 duplicates=2 lost=2");
        assertThat(report.lostEventIds()).containsExactly("e5");
        assertThat(report.lostWithoutId()).containsExactly(sha("{lost garbage"));
        assertThat(report.lostSummary(20)).startsWith("lost 2 events: e5, sha256:");
        assertThat(report.outcomeByKind().get("health_check")).containsEntry("dropped", 2L);
    }

    @Test
    void oneErrorDocumentAccountsForOneRecordOnly() {
        List<ManifestEntry> manifest = List.of(sent(null, "{bad", "malformed_json"), sent(null, "{bad", "malformed_json"));
        LakeInventory lake = new LakeInventory(Map.of(), Map.of(sha("{bad"), 1), Map.of());

        AccountingReport report = new Accountant().reconcile(manifest, lake);

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.lost()).isEqualTo(1);
    }

    @Test
    void aReplayedRecordThatWasDeliveredCountsAsDelivered() {
        List<ManifestEntry> manifest = List.of(sent("e1", "{e1}", "valid"));
        LakeInventory lake = new LakeInventory(Map.of("e1", 1), Map.of(sha("{e1}"), 1), Map.of());

        assertThat(new Accountant().reconcile(manifest, lake).line())
                .isEqualTo("accounting: produced=1 delivered=1 dropped=0 failed=0 duplicates=0 lost=0");
    }

    @Test
    void recordsTheProducerGaveUpOnAreNotProducedAndCountedDropsGoToPingsOnly() {
        List<ManifestEntry> manifest = List.of(
                new ManifestEntry(Optional.of("e1"), sha("{e1}"), "valid", false),
                sent(null, "{\"health_check\":true}", "health_check"),
                sent(null, "{\"health_check\":true}", "health_check"),
                sent("e2", "{e2}", "valid"));
        LakeInventory lake = new LakeInventory(Map.of(), Map.of(), Map.of(), 5);

        AccountingReport report = new Accountant().reconcile(manifest, lake);

        assertThat(report.line())
                .isEqualTo("accounting: produced=3 delivered=0 dropped=2 failed=0 duplicates=0 lost=1");
        assertThat(report.notAcceptedByStream()).isEqualTo(1);
        assertThat(report.lostEventIds()).containsExactly("e2");
    }
}
