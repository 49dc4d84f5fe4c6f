package io.firelake.monitoring.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.monitoring.errors.ErrorDocument;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Records the delivery stream dropped on purpose (the transform answered Dropped, e.g. health-check pings), as the
 * local Firehose reports them: JSON lines naming each record by {@code payload_sha256}, or carrying it as base64
 * {@code data} / {@code rawData}. Counted by sha256; a missing file means nothing was dropped.
 */
public final class DroppedRecordsReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, Integer> read(Path file) throws IOException {
        Map<String, Integer> bySha = new HashMap<>();
        if (file == null || !Files.exists(file)) {
            return bySha;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException halfWritten) {
                    continue;
                }
                String sha = null;
                if (node.hasNonNull("payload_sha256")) {
                    sha = node.get("payload_sha256").asText().toLowerCase(Locale.ROOT);
                } else {
                    for (String key : new String[]{"data", "rawData"}) {
                        if (node.hasNonNull(key)) {
                            sha = ErrorDocument.sha256Hex(Base64.getMimeDecoder().decode(node.get(key).asText()));
                            break;
                        }
                    }
                }
                if (sha != null) {
                    bySha.merge(sha, 1, Integer::sum);
                }
            }
        }
        return bySha;
    }
}
