package io.firelake.monitoring.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the producer manifest: JSON lines, one per record sent. A line it cannot read is an error, not a skip. */
public final class ManifestReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    public List<ManifestEntry> read(Path manifest) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                entries.add(parse(line, manifest, lineNumber));
            }
        }
        return entries;
    }

    static ManifestEntry parse(String line, Path manifest, int lineNumber) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(manifest + ":" + lineNumber + ": not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode sha = node.get("payload_sha256");
        if (sha == null || !sha.isTextual() || sha.asText().isBlank()) {
            throw new IOException(manifest + ":" + lineNumber + ": no payload_sha256");
        }
        JsonNode id = node.get("event_id");
        Optional<String> eventId = id == null || id.isNull() || id.asText().isBlank()
                ? Optional.empty() : Optional.of(id.asText());
        boolean accepted = !"failed".equals(node.path("status").asText(""));
        return new ManifestEntry(eventId, sha.asText().toLowerCase(Locale.ROOT), node.path("kind").asText("unknown"),
                accepted);
    }
}
