package io.firelake.local.config;

import io.firelake.config.sam.SamTemplateException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local runtime reads its settings through config's SAM reader (its own tests: config's SamTemplateTest). */
class SamTemplateTest {

    @Test
    void theRepositoryTemplateConfiguresTheLocalPipeline() {
        PipelineSettings settings = SamTemplate.load(Path.of("..", "sam", "template.yaml"));
        assertThat(settings.streamName()).isNotBlank();
        assertThat(settings.shardCount()).isPositive();
        assertThat(settings.errorPrefix()).contains("!{firehose:error-output-type}");
        assertThat(settings.rawPrefix()).contains("!{partitionKeyFromLambda:event_date}");
        assertThat(settings.processorRetries()).isNotNegative();
        assertThat(settings.parameters()).containsKey("DeliveryStreamName");
    }

    @Test
    void aSettingTheTemplateLacksFailsNamingIt() {
        PipelineSettings settings = new PipelineSettings(Map.of("StreamName", "s", "ProcessorBufferSizeMB", "half"));
        assertThat(settings.streamName()).isEqualTo("s");
        assertThatThrownBy(settings::shardCount).isInstanceOf(SamTemplateException.class)
                .hasMessageContaining("'ShardCount'");
        assertThatThrownBy(settings::processorBufferBytes).isInstanceOf(SamTemplateException.class)
                .hasMessageContaining("'ProcessorBufferSizeMB' Default 'half' is not a number");
    }
}
