package io.firelake.endpoint.firehose;

import io.firelake.endpoint.json.AwsServiceException;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks CreateDeliveryStream makes that the model cannot express: one source that fits the stream type, one
 * destination, no server-side encryption setting with a Kinesis source. A destination firelake does not deliver to
 * locally is refused by name.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 */
final class CreateRules {

    private CreateRules() {
    }

    static void check(CreateDeliveryStreamRequest r) {
        DeliveryStreamType type = r.deliveryStreamType() == null ? DeliveryStreamType.DIRECT_PUT : r.deliveryStreamType();
        if (type == DeliveryStreamType.UNKNOWN_TO_SDK_VERSION) {
            throw invalid("DeliveryStreamType " + r.deliveryStreamTypeAsString() + " is not known");
        }
        if (type == DeliveryStreamType.KINESIS_STREAM_AS_SOURCE && r.kinesisStreamSourceConfiguration() == null) {
            throw invalid("KinesisStreamSourceConfiguration is required when DeliveryStreamType is "
                    + "KinesisStreamAsSource.");
        }
        if (type != DeliveryStreamType.KINESIS_STREAM_AS_SOURCE && r.kinesisStreamSourceConfiguration() != null) {
            throw invalid("KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is "
                    + "KinesisStreamAsSource.");
        }
        if (type != DeliveryStreamType.DIRECT_PUT && type != DeliveryStreamType.KINESIS_STREAM_AS_SOURCE) {
            throw invalid("firelake's local Firehose reads a Kinesis data stream or takes Direct PUT; "
                    + type + " is not served locally.");
        }
        if (r.deliveryStreamEncryptionConfigurationInput() != null) {
            throw invalid(type == DeliveryStreamType.KINESIS_STREAM_AS_SOURCE
                    ? "Server-side encryption is not supported for a delivery stream with a Kinesis data stream as "
                    + "its source: the stream's own encryption applies."
                    : "firelake's local Firehose does not encrypt at rest (DeliveryStreamEncryptionConfigurationInput "
                    + "is not supported locally).");
        }
        List<String> destinations = new ArrayList<>();
        add(destinations, r.extendedS3DestinationConfiguration(), "ExtendedS3DestinationConfiguration");
        add(destinations, r.s3DestinationConfiguration(), "S3DestinationConfiguration");
        add(destinations, r.redshiftDestinationConfiguration(), "RedshiftDestinationConfiguration");
        add(destinations, r.elasticsearchDestinationConfiguration(), "ElasticsearchDestinationConfiguration");
        add(destinations, r.amazonopensearchserviceDestinationConfiguration(),
                "AmazonopensearchserviceDestinationConfiguration");
        add(destinations, r.splunkDestinationConfiguration(), "SplunkDestinationConfiguration");
        add(destinations, r.httpEndpointDestinationConfiguration(), "HttpEndpointDestinationConfiguration");
        add(destinations, r.snowflakeDestinationConfiguration(), "SnowflakeDestinationConfiguration");
        add(destinations, r.icebergDestinationConfiguration(), "IcebergDestinationConfiguration");
        add(destinations, r.amazonOpenSearchServerlessDestinationConfiguration(),
                "AmazonOpenSearchServerlessDestinationConfiguration");
        if (destinations.size() != 1) {
            throw invalid("Exactly one destination configuration is required; found "
                    + (destinations.isEmpty() ? "none" : String.join(", ", destinations)) + ".");
        }
        String destination = destinations.get(0);
        if (!destination.equals("ExtendedS3DestinationConfiguration")
                && !destination.equals("S3DestinationConfiguration")) {
            throw invalid("firelake's local Firehose delivers to Amazon S3 only (ExtendedS3DestinationConfiguration); "
                    + destination + " is not served locally.");
        }
    }

    private static void add(List<String> found, Object configuration, String name) {
        if (configuration != null) {
            found.add(name);
        }
    }

    static AwsServiceException invalid(String message) {
        return AwsServiceException.of("InvalidArgumentException", message);
    }
}
