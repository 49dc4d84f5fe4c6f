package io.firelake.events.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain nodes that remember their line, read in one pass with Jackson's streaming YAML parser (no
 * data binding, which keeps jackson-databind out of the speed layer's Lambda jar), so that a check made long after
 * parsing can still name the line to fix. A key that appears twice in a mapping is refused. The contract loader and the
 * speed layer's settings both read their files with it, through {@link YamlSetting}'s typed reads.
 */
public sealed interface YamlTree {

    /** The 1-based line the node starts on. */
    int line();

    /** A value; {@code number} is the parsed value of a numeric token (YAML's {@code 0x1F}, {@code 1_000}), else null. */
    record Scalar(String text, JsonToken token, Number number, int line) implements YamlTree {

        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        public boolean isBoolean() {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }
    }

    /** The entries in file order; {@code keyLines} holds the line of each key, which may precede its value's. */
    record Mapping(Map<String, YamlTree> entries, Map<String, Integer> keyLines, int line) implements YamlTree {
    }

    record Sequence(List<YamlTree> items, int line) implements YamlTree {
    }

    YAMLFactory YAML = YAMLFactory.builder().build();

    /** The document's root node (a null {@link Scalar} on line 1 for an empty file); {@link YamlException} if not YAML. */
    static YamlTree read(Reader text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? new Scalar(null, JsonToken.VALUE_NULL, null, 1) : node(parser, first);
        } catch (JsonProcessingException e) {
            throw new YamlException(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    e.getOriginalMessage());
        } catch (IOException e) {
            throw new YamlException(0, null, e.getMessage());
        }
    }

    private static YamlTree node(JsonParser parser, JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlTree> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    if (keyLines.put(key, keyLine) != null) {
                        throw new YamlException(keyLine, key, "Duplicate field '" + key + "'");
                    }
                    entries.put(key, node(parser, parser.nextToken()));
                }
                return new Mapping(entries, keyLines, line);
            }
            case START_ARRAY -> {
                List<YamlTree> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(parser, next));
                }
                return new Sequence(items, line);
            }
            default -> {
                return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), token,
                        token.isNumeric() ? parser.getNumberValue() : null, line);
            }
        }
    }
}
