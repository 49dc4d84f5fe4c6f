package io.firelake.speed.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain nodes that remember their line, read with Jackson's streaming YAML parser (no data binding,
 * which keeps jackson-databind out of the Lambda jar), so that every validation error can name the line it is about.
 */
sealed interface YamlTree {

    int line();

    record Scalar(String text, boolean isNull, int line) implements YamlTree {
    }

    record Mapping(Map<String, YamlTree> entries, int line) implements YamlTree {
    }

    record Sequence(List<YamlTree> items, int line) implements YamlTree {
    }

    YAMLFactory YAML = YAMLFactory.builder().build();

    /** The document's root node; throws {@link SpecException} for text that is not YAML. */
    static YamlTree read(String source, Reader text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(source, 1, null, "the file is empty");
            }
            return node(source, parser, first);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 0;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage();
            throw new SpecException(source, line, null, "not valid YAML: " + message);
        }
    }

    private static YamlTree node(String source, JsonParser parser, JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlTree> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    YamlTree value = node(source, parser, parser.nextToken());
                    if (entries.put(key, value) != null) {
                        throw new SpecException(source, keyLine, key, "appears twice");
                    }
                }
                return new Mapping(entries, line);
            }
            case START_ARRAY -> {
                List<YamlTree> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(source, parser, next));
                }
                return new Sequence(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, true, line);
            }
            default -> {
                return new Scalar(parser.getText(), false, line);
            }
        }
    }
}
