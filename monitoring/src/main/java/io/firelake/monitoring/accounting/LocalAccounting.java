package io.firelake.monitoring.accounting;

import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.source.local.MetricsFileReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounting over the local runtime's data directory, in one call: what {@code firelake accounting} prints and what
 * {@code firelake demo} can end with ({@code LocalAccounting.reconcile(manifest, layout, "firelake-delivery").line()}).
 */
public final class LocalAccounting {
    private LocalAccounting() {
    }

    public static AccountingReport reconcile(Path manifest, DataLayout layout, String deliveryStreamName)
            throws IOException {
        return reconcile(manifest, layout, deliveryStreamName, layout.droppedFile(),
                layout.metricsFile());
    }

    public static AccountingReport reconcile(Path manifest, DataLayout layout, String deliveryStreamName,
                                             Path droppedFile, Path metricsFile) throws IOException {
        List<ManifestEntry> entries = new ManifestReader().read(manifest);
        return new Accountant().reconcile(entries, inventory(new LocalLake(layout), deliveryStreamName, droppedFile,
                metricsFile));
    }

    /**
     * The lake's raw event ids and error documents, and the dropped records: by sha256 when the local Firehose names
     * them in {@code droppedFile}, else by its DroppedProcessing.Records count.
     */
    static LakeInventory inventory(LocalLake lake, String deliveryStreamName, Path droppedFile, Path metricsFile)
            throws IOException {
        Map<String, Integer> failed = new HashMap<>();
        for (ErrorDocument doc : lake.errorDocuments().documents()) {
            failed.merge(doc.rawSha256(), 1, Integer::sum);
        }
        Map<String, Integer> delivered = lake.eventIdCounts();
        if (droppedFile != null && Files.exists(droppedFile)) {
            return new LakeInventory(delivered, failed, new DroppedRecordsReader().read(droppedFile));
        }
        long droppedCount = Math.round(new MetricsFileReader().read(metricsFile, deliveryStreamName).points().stream()
                .filter(p -> p.name().equals(FirehoseMetric.DROPPED_PROCESSING_RECORDS.metricName())).mapToDouble(MetricPoint::value).sum());
        return new LakeInventory(delivered, failed, Map.of(), droppedCount);
    }
}
