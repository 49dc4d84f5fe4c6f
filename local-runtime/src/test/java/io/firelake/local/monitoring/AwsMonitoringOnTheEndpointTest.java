package io.firelake.local.monitoring;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.runtime.LocalPipeline;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code monitor --source aws}'s source against the local AWS endpoint instead of hand-written answers: the metrics
 * through CloudWatch GetMetricData (namespace AWS/Firehose, the DeliveryStreamName dimension, 60 s periods), the
 * delivery stream's state from DescribeDeliveryStream, and the error documents found under the ErrorOutputPrefix it
 * describes, listed and read through S3. The verdicts on real states: {@link MonitorOnTheEndpointTest}.
 */
class AwsMonitoringOnTheEndpointTest {

    @TempDir
    Path data;

    @Test
    void theDeliveryStreamAndItsErrorPrefixAreReadThroughTheEndpoint() throws Exception {
        var options = new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1, c -> c);
        Instant from = Instant.now().minusSeconds(60);
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            var sent = ProducerRun.builder().endpoint(pipeline.kinesisEndpoint())
                    .stream(options.settings().streamName())
                    .simulate(SimulationSettings.live(3, 2_000).withFaults(FaultRates.combined(0.05)))
                    .build().run().summary();
            pipeline.firehose().drain(Duration.ofSeconds(60));
            long failed = pipeline.firehose().firehose().stats().failedByCode().values().stream()
                    .mapToLong(Long::longValue).sum();
            assertThat(sent.delivered()).isPositive();
            assertThat(failed).isPositive();

            AwsClientFactory clients = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()));
            try (CloudWatchClient cloudWatch = clients.sync(CloudWatchClient.builder(), SyncHttp.urlConnection()).build();
                 FirehoseClient firehose = clients.sync(FirehoseClient.builder(), SyncHttp.urlConnection()).build();
                 S3Client s3 = clients.s3(S3Client.builder(), SyncHttp.urlConnection()).build()) {
                AwsMonitoringSource source = new AwsMonitoringSource(cloudWatch, firehose, s3,
                        options.settings().deliveryStreamName(), 200);
                DeliveryStreamState state = source.deliveryStreamState();
                assertThat(state.status()).isEqualTo(DeliveryStreamState.ACTIVE);
                assertThat(state.lastErrorType()).isEmpty();
                assertThat(state.sourceStream()).contains(options.settings().streamName());
                var metrics = source.metrics(from.minusSeconds(60), Instant.now());
                assertThat(metrics.sum(FirehoseMetric.INCOMING_RECORDS)).as("GetMetricData on the endpoint")
                        .isEqualTo(pipeline.firehose().firehose().stats().read());
                assertThat(metrics.sum(FirehoseMetric.FAILED_PROCESSING_RECORDS)).isEqualTo(failed);
                assertThat(metrics.has(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS)).isTrue();
                var documents = source.errorDocuments(from, Instant.now().plusSeconds(60)).documents();
                assertThat(documents).hasSize((int) failed)
                        .allSatisfy(d -> assertThat(d.errorOutputType()).isEqualTo(ErrorDocument.PROCESSING_FAILED));
            }
        }
    }
}
