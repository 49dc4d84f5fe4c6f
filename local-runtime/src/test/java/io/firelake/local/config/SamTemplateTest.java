package io.firelake.local.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SamTemplateTest {

    @Test
    void readsParameterDefaultsAndToleratesShortFormTags() throws Exception {
        String yaml = """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  StreamName:
                    Type: String
                    Default: my-stream
                  ProcessorBufferSizeMB:
                    Type: Number
                    Default: 0.5
                  NoDefault:
                    Type: String
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                    Properties:
                      Name: !Ref StreamName
                      Arn: !GetAtt Stream.Arn
                      Other: !Sub "${AWS::Region}-x"
                      List: !Join [",", [a, !Ref StreamName]]
                """;
        PipelineSettings settings = SamTemplate.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
        assertThat(settings.streamName()).isEqualTo("my-stream");
        assertThat(settings.processorBufferBytes()).isEqualTo(512 * 1024);
        assertThat(settings.parameters()).doesNotContainKey("NoDefault");
    }

    @Test
    void theRepositoryTemplateConfiguresTheLocalPipeline() {
        PipelineSettings settings = SamTemplate.load(Path.of("..", "sam", "template.yaml"));
        assertThat(settings.streamName()).isNotBlank();
        assertThat(settings.shardCount()).isPositive();
        assertThat(settings.errorPrefix()).contains("!{firehose:error-output-type}");
        assertThat(settings.rawPrefix()).contains("!{partitionKeyFromLambda:event_date}");
        assertThat(settings.processorRetries()).isNotNegative();
    }
}
