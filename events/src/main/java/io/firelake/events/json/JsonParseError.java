package io.firelake.events.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A Jackson parse error as one clean line: where (line, column) and what is wrong, without Jackson's
 * "[Source: REDACTED (StreamReadFeature...)]" trailers, which name a setting the reader cannot change. The one place
 * that turns a Jackson message into user-facing text.
 */
public record JsonParseError(int line, int column, String reason) {

    /** Jackson's "[Source: ...; line: 1, column: 2]" inside a message, e.g. the start marker of an unclosed object. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    /** The error of a parse; line and column are 0 when the exception carries no location. */
    public static JsonParseError of(IOException e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String reason = clean(json.getOriginalMessage());
            return at == null ? new JsonParseError(0, 0, reason)
                    : new JsonParseError(at.getLineNr(), at.getColumnNr(), reason);
        }
        return new JsonParseError(0, 0, clean(e.getMessage()));
    }

    /** "line L, column C: reason", or just the reason when Jackson gave no location. */
    public static String describe(IOException e) {
        return of(e).toString();
    }

    static String clean(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        String cleaned = SOURCE.matcher(message).replaceAll("line $1, column $2");
        int trailer = cleaned.indexOf("\n at [Source:");
        return (trailer >= 0 ? cleaned.substring(0, trailer) : cleaned).strip();
    }

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ", column " + column + ": " + reason : reason;
    }
}
