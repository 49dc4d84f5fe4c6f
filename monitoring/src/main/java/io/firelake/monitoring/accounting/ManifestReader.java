package io.firelake.monitoring.accounting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.json.JsonParseError;

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

    /** Streams over one line's fields: a manifest of a million lines is read in seconds, not a tree per line. */
    static ManifestEntry parse(String line, Path manifest, int lineNumber) throws IOException {
        String eventId = null;
        String sha = null;
        String kind = "unknown";
        String status = "";
        try (JsonParser parser = JSON.getFactory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(manifest + ":" + lineNumber + ": not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event_id" -> eventId = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    case "payload_sha256" -> sha = parser.getValueAsString();
                    case "kind" -> kind = parser.getValueAsString("unknown");
                    case "status" -> status = parser.getValueAsString("");
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            // Each manifest line is parsed alone: Jackson's line is always 1, its column is the one in this line.
            JsonParseError error = JsonParseError.of(e);
            throw new IOException(manifest + ":" + lineNumber + ":" + error.column() + ": not JSON: " + error.reason(),
                    e);
        }
        if (sha == null || sha.isBlank()) {
            throw new IOException(manifest + ":" + lineNumber + ": no payload_sha256");
        }
        Optional<String> id = eventId == null || eventId.isBlank() ? Optional.empty() : Optional.of(eventId);
        return new ManifestEntry(id, sha.toLowerCase(Locale.ROOT), kind, !"failed".equals(status));
    }
}
