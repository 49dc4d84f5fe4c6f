package io.firelake.endpoint.firehose;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

import java.util.List;

/**
 * What delivers a delivery stream: the local Firehose. The API checks the model's constraints and keeps the
 * definitions; the backend checks Firehose's own rules (prefix expressions, buffering with format conversion, the
 * processor's parameters), throwing {@code InvalidArgumentException}, and runs the stream.
 */
public interface DeliveryStreamBackend {

    /** Starts delivering a new, or restored, delivery stream. */
    void start(DeliveryStreamDescription stream);

    /** Stops a delivery stream after delivering what it has buffered. */
    void stop(String deliveryStreamName);

    /**
     * Direct PUT: accepts records into a running stream, one answer each, in order: a record id, or an error code
     * ({@code ServiceUnavailableException} when the stream cannot take more now) and message.
     */
    List<PutRecordBatchResponseEntry> put(String deliveryStreamName, List<SdkBytes> records);
}
