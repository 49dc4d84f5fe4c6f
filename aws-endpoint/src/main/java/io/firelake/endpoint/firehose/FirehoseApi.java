package io.firelake.endpoint.firehose;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.JsonService;
import io.firelake.endpoint.json.ServiceModel;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DeleteDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeleteDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsRequest;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.PutRecordRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.StartDeliveryStreamEncryptionRequest;
import software.amazon.awssdk.services.firehose.model.StopDeliveryStreamEncryptionRequest;

import java.util.List;

/**
 * The Firehose API of the local endpoint ({@code X-Amz-Target: Firehose_20150804.<Operation>}), backed by the local
 * Firehose: delivery streams are created, described, listed and deleted as Firehose does (asynchronously: a new stream
 * is {@code CREATING} until it runs, a deleted one {@code DELETING} until it stopped; {@link DeliveryStreamRegistry}),
 * and {@code ACTIVE} Direct PUT streams take {@code PutRecord}/{@code PutRecordBatch} within Firehose's limits (500
 * records and 4 MiB per call, 1,000 KiB per record), with a per-record {@code ErrorCode} in the answer.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html">Firehose API operations</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas</a>
 */
public final class FirehoseApi {

    /** A PutRecordBatch call carries at most 4 MiB of record data. */
    public static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    /** ListDeliveryStreams answers 10 names when the request sets no Limit. */
    public static final int DEFAULT_LIST_LIMIT = 10;

    private FirehoseApi() {
    }

    public static JsonService service(DeliveryStreamRegistry streams) {
        return JsonService.builder(ServiceModel.load("firehose"))
                .operation("CreateDeliveryStream", CreateDeliveryStreamRequest::builder, r ->
                        CreateDeliveryStreamResponse.builder()
                                .deliveryStreamARN(streams.create(r).deliveryStreamARN()).build())
                .operation("DescribeDeliveryStream", DescribeDeliveryStreamRequest::builder, r ->
                        DescribeDeliveryStreamResponse.builder()
                                .deliveryStreamDescription(streams.describe(r.deliveryStreamName())).build())
                .operation("ListDeliveryStreams", ListDeliveryStreamsRequest::builder, r -> list(streams, r))
                .operation("DeleteDeliveryStream", DeleteDeliveryStreamRequest::builder, r -> {
                    streams.delete(r.deliveryStreamName());
                    return DeleteDeliveryStreamResponse.builder().build();
                })
                .operation("PutRecord", PutRecordRequest::builder, r -> {
                    PutRecordBatchResponseEntry entry = put(streams, r.deliveryStreamName(), List.of(r.record()))
                            .get(0);
                    if (entry.errorCode() != null) {
                        throw AwsServiceException.of(entry.errorCode(), entry.errorMessage());
                    }
                    return PutRecordResponse.builder().recordId(entry.recordId()).encrypted(false).build();
                })
                .operation("PutRecordBatch", PutRecordBatchRequest::builder, r -> {
                    List<PutRecordBatchResponseEntry> entries = put(streams, r.deliveryStreamName(), r.records());
                    int failed = (int) entries.stream().filter(e -> e.errorCode() != null).count();
                    return PutRecordBatchResponse.builder().failedPutCount(failed).encrypted(false)
                            .requestResponses(entries).build();
                })
                .operation("StartDeliveryStreamEncryption", StartDeliveryStreamEncryptionRequest::builder, r -> {
                    throw notEncrypting(streams, r.deliveryStreamName());
                })
                .operation("StopDeliveryStreamEncryption", StopDeliveryStreamEncryptionRequest::builder, r -> {
                    throw notEncrypting(streams, r.deliveryStreamName());
                })
                .build();
    }

    private static List<PutRecordBatchResponseEntry> put(DeliveryStreamRegistry streams, String name,
                                                         List<Record> records) {
        DeliveryStreamDescription stream = streams.requireActive(name);
        if (stream.deliveryStreamType() != DeliveryStreamType.DIRECT_PUT) {
            throw CreateRules.invalid("This operation is not permitted on " + stream.deliveryStreamTypeAsString()
                    + " delivery stream type.");
        }
        long bytes = 0;
        for (Record record : records) {
            bytes += record.data().asByteArrayUnsafe().length;
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw CreateRules.invalid("Records size exceeds 4 MB limit");
        }
        List<SdkBytes> data = records.stream().map(Record::data).toList();
        return streams.backend().put(name, data);
    }

    private static ListDeliveryStreamsResponse list(DeliveryStreamRegistry streams, ListDeliveryStreamsRequest r) {
        int limit = r.limit() == null ? DEFAULT_LIST_LIMIT : r.limit();
        List<String> names = streams.all().stream()
                .filter(s -> r.deliveryStreamType() == null || s.deliveryStreamType() == r.deliveryStreamType())
                .map(DeliveryStreamDescription::deliveryStreamName)
                .filter(n -> r.exclusiveStartDeliveryStreamName() == null
                        || n.compareTo(r.exclusiveStartDeliveryStreamName()) > 0)
                .toList();
        return ListDeliveryStreamsResponse.builder().deliveryStreamNames(names.subList(0, Math.min(limit, names.size())))
                .hasMoreDeliveryStreams(names.size() > limit).build();
    }

    private static AwsServiceException notEncrypting(DeliveryStreamRegistry streams, String name) {
        streams.describe(name);
        return CreateRules.invalid("firelake's local Firehose does not encrypt at rest: server-side encryption "
                + "cannot be started or stopped locally.");
    }
}
