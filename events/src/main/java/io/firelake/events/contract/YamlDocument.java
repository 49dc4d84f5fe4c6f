package io.firelake.events.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read as a tree that remembers the line of every key and value, so that a check made long after parsing
 * can still name the line to fix. Duplicate keys are refused.
 */
final class YamlDocument {

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonMapper TREE = JsonMapper.builder().build();

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String file, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Parses {@code yaml}; {@code file} is how errors name it. */
    static YamlDocument parse(String file, byte[] yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonNode root = new YAMLMapper(YAML).readTree(YAML.createParser(yaml));
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                        parser.currentTokenLocation().getLineNr());
            }
            return new YamlDocument(file, root == null ? TREE.createObjectNode() : root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ContractException(file, line, "", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContractException(file, 0, "", "cannot read: " + e.getMessage());
        }
    }

    String file() {
        return file;
    }

    YamlNode root() {
        return new YamlNode(this, root, JsonPointer.empty());
    }

    /** The line of {@code pointer}, or of its nearest ancestor present in the file. */
    int line(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
        }
        return 0;
    }
}
