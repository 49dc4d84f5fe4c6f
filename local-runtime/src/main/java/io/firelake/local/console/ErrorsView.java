package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.config.layout.DataLayout;
import io.firelake.events.contract.Contracts;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.errors.TransformReasonClassifier;
import io.firelake.monitoring.lake.LocalLake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code /api/errors}: the error prefix by output type, errorCode and reason (monitoring's summary, the reason
 * recomputed by the transform's validator), with recent samples, their personal fields masked. The error objects are
 * read again only when the prefix changed.
 */
final class ErrorsView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES_PER_TYPE = 5;

    private final DataLayout layout;
    private final ErrorSummarizer summarizer = new ErrorSummarizer(TransformReasonClassifier.selectedContract(), SAMPLES_PER_TYPE);
    private final PiiMask mask = PiiMask.of(Contracts.selected());
    private String signature = "";
    private ObjectNode last;

    ErrorsView(DataLayout layout) {
        this.layout = layout;
    }

    synchronized ObjectNode errors() throws IOException {
        String now = signature(layout.errorsDir());
        if (last != null && now.equals(signature)) {
            return last;
        }
        ErrorDocuments documents = new LocalLake(layout).errorDocuments();
        ErrorSummary summary = summarizer.summarize(documents.documents(), documents.unreadable());
        ObjectNode node = JSON.createObjectNode().put("total", summary.total())
                .put("unreadableObjects", summary.unreadableObjects()).put("prefix", layout.errorsDir().toString());
        ArrayNode byType = node.putArray("byTypeAndCode");
        new TreeMap<>(summary.byOutputTypeAndErrorCode()).forEach((type, codes) -> new TreeMap<>(codes).forEach(
                (code, n) -> byType.addObject().put("outputType", type).put("errorCode", code).put("records", n)));
        ArrayNode reasons = node.putArray("byReason");
        summary.byReason().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> reasons.addObject().put("reason", e.getKey()).put("records", e.getValue()));
        ArrayNode samples = node.putArray("samples");
        summary.samples().forEach(s -> samples.addObject().put("outputType", s.errorOutputType())
                .put("errorCode", s.errorCode()).put("reason", s.reason()).put("record", mask.mask(s.rawPreview()))
                .put("object", s.objectKey())
                .put("arrival", s.arrivalTimestamp() == null ? null : s.arrivalTimestamp().toString()));
        signature = now;
        last = node;
        return node;
    }

    /** Files, bytes and newest change under the error prefix: whether anything was written since the last look. */
    private static String signature(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "none";
        }
        long[] s = new long[3];
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                try {
                    s[0]++;
                    s[1] += Files.size(p);
                    s[2] = Math.max(s[2], Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    s[2] = -1; // a file going away while listed: read again
                }
            });
        }
        return s[0] + ":" + s[1] + ":" + s[2];
    }
}
