package io.firelake.local.runtime;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.DeliveryStreamConfig;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A local pipeline on free ports and a Firehose client on its AWS endpoint: for tests that create delivery streams. */
public record EndpointPipeline(LocalPipeline pipeline, FirehoseClient firehose) implements AutoCloseable {

    public static EndpointPipeline start(Path data, UnaryOperator<DeliveryStreamConfig> configure) {
        LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1,
                configure));
        return new EndpointPipeline(pipeline, AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                .sync(FirehoseClient.builder(), SyncHttp.apache(2)).build());
    }

    @Override
    public void close() {
        firehose.close();
        pipeline.close();
    }
}
