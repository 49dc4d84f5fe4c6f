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

    /**
     * Checks a new stream against the rules {@code CreateDeliveryStream} answers at once (throwing
     * {@code InvalidArgumentException}), before the stream is kept.
     */
    default void check(DeliveryStreamDescription stream) {
    }

    /**
     * Starts delivering a new, or restored, delivery stream, on a thread of the registry's while the stream is
     * {@code CREATING}: returns once it takes records ({@code ACTIVE}), or throws why it cannot start (the message
     * becomes its {@code FailureDescription}, {@code CREATING_FAILED}).
     */
    void start(DeliveryStreamDescription stream);

    /** Stops a delivery stream after delivering what it has buffered (to restart it, or to delete it). */
    void stop(String deliveryStreamName);

    /**
     * Deletes a delivery stream, while it is {@code DELETING}: stops it after delivering what it buffered, then removes
     * what it kept (its checkpoint and logs), so a stream created again under the name starts fresh, as on AWS, where
     * the stream and its data go. Throws, keeping that state, when what it buffered cannot be delivered.
     */
    default void delete(String deliveryStreamName) {
        stop(deliveryStreamName);
    }

    /**
     * Direct PUT: accepts records into a running stream, one answer each, in order: a record id, or an error code
     * ({@code ServiceUnavailableException} when the stream cannot take more now) and message.
     */
    List<PutRecordBatchResponseEntry> put(String deliveryStreamName, List<SdkBytes> records);
}
