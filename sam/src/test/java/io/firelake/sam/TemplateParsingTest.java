package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The template is YAML CloudFormation reads: short-form tags, known sections, the SAM transform. */
class TemplateParsingTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void parsesWithCloudFormationTagsIntoTheirLongForm() {
        assertThat(template.root()).containsEntry("AWSTemplateFormatVersion", "2010-09-09")
                .containsEntry("Transform", "AWS::Serverless-2016-10-31");
        assertThat(template.root().keySet()).isSubsetOf("AWSTemplateFormatVersion", "Transform", "Description",
                "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs", "Globals");
        assertThat(template.properties("EventStream").get("Name")).isEqualTo(Map.of("Ref", "StreamName"));
        assertThat(template.properties("EventStream").get("ShardCount"))
                .isEqualTo(Map.of("Fn::If", List.of("IsProvisioned", Map.of("Ref", "ShardCount"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(template.properties("DeliveryStream").get("KinesisStreamSourceConfiguration").toString())
                .contains("Fn::GetAtt=[EventStream, Arn]");
    }

    @Test
    void everyResourceHasATypeAndOnlyResourceAttributes() {
        template.resources().forEach((id, resource) -> {
            Map<String, Object> r = SamTemplate.map(resource);
            assertThat(r.get("Type")).as(id).isInstanceOf(String.class);
            assertThat(r.keySet()).as(id).isSubsetOf("Type", "Properties", "DependsOn", "Condition", "Metadata",
                    "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy");
            assertThat(id).as("logical ids are alphanumeric").matches("[A-Za-z0-9]+");
        });
        assertThat(template.resources()).hasSizeGreaterThan(30);
    }

    @Test
    void duplicateKeysAndUnknownTagsAreRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path duplicate = Files.writeString(dir.resolve("dup.yaml"), "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n");
        assertThatThrownBy(() -> CloudFormationYaml.read(duplicate)).hasMessageContaining("duplicate key");
        Path unknown = Files.writeString(dir.resolve("tag.yaml"), "Resources:\n  A: !Reff B\n");
        assertThatThrownBy(() -> CloudFormationYaml.read(unknown)).hasMessageContaining("Reff");
    }
}
