package io.firelake.sam;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template into plain maps and lists, turning the short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}...) into their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}), as
 * CloudFormation does before it processes a template. Duplicate keys are an error, as they are for CloudFormation.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html">
 *     Intrinsic function reference</a>
 */
final class CloudFormationYaml {

    /** Short-form tags; each becomes {@code Fn::<name>}, except Ref and Condition which keep their name. */
    static final List<String> TAGS = List.of("Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "If",
            "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform",
            "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path template) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new IntrinsicConstructor(options));
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) yaml.load(reader);
        }
    }

    static String longFormName(String tag) {
        return tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            for (String tag : TAGS) {
                yamlConstructors.put(new Tag("!" + tag), new Intrinsic(tag));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String tag;

            Intrinsic(String tag) {
                this.tag = tag;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]; attributes may contain dots.
                    argument = tag.equals("GetAtt") && text.contains(".")
                            ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                            : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else if (node instanceof MappingNode mapping) {
                    argument = constructMapping(mapping);
                } else {
                    throw new IllegalArgumentException("unsupported node for !" + tag + ": " + node);
                }
                return Map.of(longFormName(tag), argument);
            }
        }
    }
}
