package io.firelake.monitoring.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the error documents of one error-prefix object. Firehose writes them one JSON object after another (one a
 * line); a damaged object yields the documents before the damage and an error count, never an exception.
 */
public final class ErrorDocumentParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Parsed(List<ErrorDocument> documents, int unreadable) {
    }

    public Parsed parse(InputStream in, String errorOutputType, String objectKey) throws IOException {
        List<ErrorDocument> documents = new ArrayList<>();
        int unreadable = 0;
        try (JsonParser parser = JSON.getFactory().createParser(in);
             MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(parser)) {
            while (true) {
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    JsonNode node = it.nextValue();
                    if (node != null && node.isObject()) {
                        documents.add(toDocument(node, errorOutputType, objectKey));
                    } else {
                        unreadable++;
                    }
                } catch (IOException | RuntimeException damaged) {
                    unreadable++;
                    break;
                }
            }
        }
        return new Parsed(documents, unreadable);
    }

    static ErrorDocument toDocument(JsonNode node, String errorOutputType, String objectKey) {
        return new ErrorDocument(
                errorOutputType,
                node.path("attemptsMade").asInt(0),
                instant(node.get("arrivalTimestamp")),
                text(node, "errorCode", "ErrorCode"),
                text(node, "errorMessage", "ErrorMessage"),
                instant(node.get("attemptEndingTimestamp")),
                node.path("rawData").asText(null),
                node.path("lambdaArn").asText(null),
                objectKey);
    }

    /** Processing failures spell errorCode; format-conversion failures ErrorCode (both documented so). */
    private static String text(JsonNode node, String... keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    /** Firehose writes epoch milliseconds; ISO-8601 text is accepted too. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        try {
            return Instant.parse(node.asText());
        } catch (RuntimeException notIso) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(node.asText()));
            } catch (NumberFormatException notMillis) {
                return null;
            }
        }
    }
}
