package io.firelake.transform.firehose;

import io.firelake.transform.core.InputRecord;

import java.util.List;

/**
 * A Firehose data-transformation request, decoded.
 *
 * @param invocationId           Firehose's id for this invocation
 * @param deliveryStreamArn      the delivery stream
 * @param sourceKinesisStreamArn the source stream, or {@code null} for Direct PUT
 * @param region                 the AWS region
 * @param records                the records, in request order
 * @param skippedRecords         records that carried no {@code recordId} and so cannot be answered
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public record FirehoseEvent(String invocationId, String deliveryStreamArn, String sourceKinesisStreamArn, String region,
                            List<InputRecord> records, int skippedRecords) {

    public FirehoseEvent {
        records = List.copyOf(records);
    }
}
