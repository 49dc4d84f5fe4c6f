package io.firelake.config.sam;

import io.firelake.config.layout.LakePrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One reader of sam/template.yaml: it reads what CloudFormation reads, and every failure names the file and the parameter. */
class SamTemplateTest {

    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              StreamName:
                Type: String
                Default: my-stream
              ProcessorBufferSizeMB:
                Type: Number
                Default: 0.5
              ShardCount:
                Type: Number
                Default: 2
              Empty:
                Type: String
                Default: ''
              NoDefault:
                Type: String
            Conditions:
              HasTopic: !Not [!Equals [!Ref Empty, '']]
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties:
                  Name: !Ref StreamName
                  Arn: !GetAtt Stream.Arn
                  Other: !Sub "${AWS::Region}-x"
                  List: !Join [",", [a, !Ref StreamName]]
                  Maybe: !If [HasTopic, !Ref Empty, !Ref AWS::NoValue]
            """;

    private static SamParameters parse(String yaml) {
        return SamTemplate.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void readsTheParameterDefaultsAndParsesCloudFormationTags() {
        SamParameters parameters = parse(TEMPLATE);
        assertThat(parameters.text("StreamName")).isEqualTo("my-stream");
        assertThat(parameters.number("ProcessorBufferSizeMB")).isEqualTo(0.5);
        assertThat(parameters.integer("ShardCount")).isEqualTo(2);
        assertThat(parameters.text("Empty")).isEmpty();
        assertThat(parameters.defaults()).containsKeys("StreamName", "Empty").doesNotContainKey("NoDefault");
        assertThat(parameters.source()).isEqualTo("test.yaml");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("template.yaml");
        assertThatThrownBy(() -> SamTemplate.load(missing))
                .isInstanceOf(SamTemplateException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }

    @Test
    void aMissingParameterNamesTheFileAndTheParameter() {
        assertThatThrownBy(() -> parse(TEMPLATE).text("DeliveryStreamName"))
                .isInstanceOf(SamTemplateException.class)
                .hasMessageContaining("test.yaml").hasMessageContaining("no Parameter 'DeliveryStreamName'")
                .hasMessageContaining("StreamName");
    }

    @Test
    void aParameterWithoutDefaultIsNamed() {
        assertThatThrownBy(() -> parse(TEMPLATE).text("NoDefault"))
                .isInstanceOf(SamTemplateException.class)
                .hasMessage("test.yaml: Parameter 'NoDefault' has no Default");
    }

    @Test
    void aDefaultOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> parse(TEMPLATE).number("StreamName"))
                .isInstanceOf(SamTemplateException.class)
                .hasMessage("test.yaml: Parameter 'StreamName' Default 'my-stream' is not a number");
        assertThatThrownBy(() -> parse(TEMPLATE).integer("ProcessorBufferSizeMB"))
                .isInstanceOf(SamTemplateException.class)
                .hasMessageContaining("test.yaml: Parameter 'ProcessorBufferSizeMB' Default '0.5' is not a whole number");
    }

    @Test
    void aNumberParameterWhoseDefaultIsNoNumberFailsAtOnce() {
        String yaml = TEMPLATE.replace("Default: 2", "Default: two");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(SamTemplateException.class)
                .hasMessage("test.yaml: Parameter 'ShardCount' is of Type Number but its Default 'two' is not a number");
    }

    @Test
    void aTemplateWithoutParametersOrWithBrokenYamlIsNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("Resources: {}\n"))
                .isInstanceOf(SamTemplateException.class).hasMessage("test.yaml: no Parameters section");
        Path broken = Files.writeString(dir.resolve("template.yaml"), "Parameters:\n  A: [unclosed\n");
        assertThatThrownBy(() -> SamTemplate.load(broken))
                .isInstanceOf(SamTemplateException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("Parameters:\n  A:\n    Type: String\n    Default: [a, b]\n"))
                .hasMessage("test.yaml: Parameter 'A' has a Default that is not a single value");
        assertThatThrownBy(() -> parse("Parameters:\n  A:\n    Default: x\n"))
                .hasMessage("test.yaml: Parameter 'A' has no Type");
    }

    @Test
    void theRepositoryTemplateAndItsPackagedCopyAgree() {
        SamParameters repository = SamTemplate.load(Path.of("..", "sam", "template.yaml"));
        // Run from the module directory, which has no sam/: load() falls back to the copy packaged into the jar.
        assertThat(Files.exists(SamTemplate.IN_REPOSITORY)).isFalse();
        SamParameters packaged = SamTemplate.load();
        assertThat(packaged.defaults()).isEqualTo(repository.defaults());
        assertThat(packaged.source()).contains("packaged");
        assertThat(repository.integer("ShardCount")).isPositive();
    }

    @Test
    void theLakePrefixesAreTheHeadsOfTheTemplatesPrefixes() {
        SamParameters template = SamTemplate.load(Path.of("..", "sam", "template.yaml"));
        assertThat(template.text("RawPrefix")).startsWith(LakePrefix.RAW.key() + "/");
        assertThat(template.text("ErrorPrefix")).startsWith(LakePrefix.ERRORS.key() + "/");
    }
}
