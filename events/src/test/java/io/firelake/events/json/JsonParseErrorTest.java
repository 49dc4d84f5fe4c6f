package io.firelake.events.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Jackson's parse errors read as "line, column: reason", with no "[Source: REDACTED ...]" anywhere. */
class JsonParseErrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anObjectCutOffNamesWhereItStartedWithoutTheSourceTrailer() {
        IOException e = catchThrowableOfType(() -> JSON.readTree("{\"event_id\": \"a\", \"kind\": \"x\""),
                IOException.class);
        assertThat(JsonParseError.describe(e))
                .startsWith("line 1, column ")
                .contains("Unexpected end-of-input")
                .contains("(start marker at line 1, column 1)")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    @Test
    void aBadTokenNamesItsLineAndColumn() {
        IOException e = catchThrowableOfType(() -> JSON.readTree("{\n  \"a\": nope}"), IOException.class);
        JsonParseError error = JsonParseError.of(e);
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.reason()).startsWith("Unrecognized token 'nope'").doesNotContain("Source");
    }
}
