package io.firelake.local.endpoint;

import io.firelake.endpoint.firehose.DeliveryStreamRegistry;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.DeliveryStreamConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;

import java.time.Instant;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryStreamDescriptionsTest {

    private final PipelineSettings settings = SamTemplate.load();

    private static DeliveryStreamDescription described(CreateDeliveryStreamRequest request) {
        return DeliveryStreamRegistry.describe(request, Instant.parse("2026-12-06T12:00:00Z"));
    }

    private DeliveryStreamConfig config(UnaryOperator<software.amazon.awssdk.services.firehose.model
            .ExtendedS3DestinationConfiguration.Builder> change) {
        CreateDeliveryStreamRequest template = TemplateDeliveryStream.request(settings, "firelake-lake");
        return DeliveryStreamDescriptions.toConfig(described(template.toBuilder().extendedS3DestinationConfiguration(
                change.apply(template.extendedS3DestinationConfiguration().toBuilder()).build()).build()));
    }

    @Test
    void theTemplatesStreamThroughCreateDeliveryStreamIsTheTemplatesConfiguration() {
        DeliveryStreamConfig viaApi = DeliveryStreamDescriptions.toConfig(
                described(TemplateDeliveryStream.request(settings, "firelake-lake")));
        DeliveryStreamConfig direct = DeliveryStreamConfig.from(settings, "us-east-1").toBuilder()
                .functionName(TemplateDeliveryStream.TRANSFORM_FUNCTION).build();
        assertThat(viaApi).isEqualTo(direct);
        assertThat(described(TemplateDeliveryStream.request(settings, "firelake-lake")).deliveryStreamStatus())
                .as("a new stream is CREATING until the local Firehose runs it")
                .isEqualTo(software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus.CREATING);
    }

    @Test
    void prefixesAreCheckedAsFirehoseChecksThem() {
        assertThatThrownBy(() -> config(s3 -> s3.prefix("raw/!{partitionKeyFromQuery:day}/")))
                .isInstanceOf(AwsServiceException.class).hasMessageContaining("partitionKeyFromQuery");
        assertThatThrownBy(() -> config(s3 -> s3.prefix("raw/!{timestamp:yyyy-MM-dd}/!{firehose:error-output-type}/")))
                .hasMessageContaining("only allowed in ErrorOutputPrefix");
        assertThatThrownBy(() -> config(s3 -> s3.prefix("raw/!{weather:today}/")))
                .hasMessageContaining("unknown namespace");
        assertThatThrownBy(() -> config(s3 -> s3.errorOutputPrefix("errors/")))
                .hasMessageContaining("ErrorOutputPrefix must contain !{firehose:error-output-type}");
        assertThatThrownBy(() -> config(s3 -> s3.prefix("raw/!{timestamp:yyyy}/")))
                .hasMessageContaining("Prefix must use at least one !{partitionKeyFromLambda");
        assertThatThrownBy(() -> config(s3 -> s3.bufferingHints(b -> b.sizeInMBs(8).intervalInSeconds(60))))
                .hasMessageContaining("at least 64");
        assertThatThrownBy(() -> config(s3 -> s3.dataFormatConversionConfiguration(c -> c.enabled(false))))
                .hasMessageContaining("writes Parquet");
    }

    @Test
    void theProcessorsParametersAreRead() {
        DeliveryStreamConfig config = config(s3 -> s3.processingConfiguration(p -> p.enabled(true).processors(r -> r
                .type("Lambda").parameters(
                        q -> q.parameterName("LambdaArn").parameterValue(
                                "arn:aws:lambda:us-east-1:000000000000:function:my-transform:3"),
                        q -> q.parameterName("BufferSizeInMBs").parameterValue("0.5"),
                        q -> q.parameterName("NumberOfRetries").parameterValue("7")))));
        assertThat(config.processor().functionName()).isEqualTo("my-transform");
        assertThat(config.processor().buffer().bytes()).isEqualTo(524_288);
        assertThat(config.processor().retries()).isEqualTo(7);
        assertThatThrownBy(() -> config(s3 -> s3.processingConfiguration(p -> p.enabled(true).processors(r -> r
                .type("Lambda").parameters(q -> q.parameterName("LambdaArn").parameterValue("f"),
                        q -> q.parameterName("BufferSizeInMBs").parameterValue("5"))))))
                .hasMessageContaining("BufferSizeInMBs must be between 0.2 and 3.0");
    }
}
