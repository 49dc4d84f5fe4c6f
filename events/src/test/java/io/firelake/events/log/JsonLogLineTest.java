package io.firelake.events.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.log.JsonLogLine.Level;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogLineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aLineIsOneJsonObjectWithTheLevelFirstAndTheFieldsInOrder() {
        String line = JsonLogLine.of(Level.WARN).put("msg", "bad record skipped").put("shard", "shardId-000000000000")
                .put("subsequence_number", 3).put("detail", null).toJson();

        assertThat(line).isEqualTo("{\"level\":\"WARN\",\"msg\":\"bad record skipped\",\"shard\":\"shardId-000000000000\","
                + "\"subsequence_number\":3,\"detail\":null}");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedOnOneLine() throws Exception {
        String detail = "field \"page\\url\"\nline two\ttab\u0001";

        String line = JsonLogLine.of(Level.INFO).put("detail", detail).toJson();

        assertThat(line).doesNotContain("\n").doesNotContain("\t");
        assertThat(MAPPER.readTree(line).get("detail").asText()).isEqualTo(detail);
    }

    @Property(tries = 300)
    void anyTextReadsBackAsWritten(@ForAll String text, @ForAll long number) throws Exception {
        JsonNode node = MAPPER.readTree(JsonLogLine.of(Level.ERROR).put("text", text).put("n", number).toJson());

        assertThat(node.get("level").asText()).isEqualTo("ERROR");
        assertThat(node.get("text").asText()).isEqualTo(text);
        assertThat(node.get("n").asLong()).isEqualTo(number);
    }
}
