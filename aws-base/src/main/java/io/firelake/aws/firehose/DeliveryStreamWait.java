package io.firelake.aws.firehose;

import io.firelake.aws.wait.ResourceWait;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Waits until a delivery stream is {@code ACTIVE}, as Firehose asks of a caller: {@code CreateDeliveryStream} returns
 * at once with the stream {@code CREATING}, records put before it is {@code ACTIVE} are refused, and
 * {@code DescribeDeliveryStream} says when it is ready. {@code CREATING_FAILED} never changes (the stream must be
 * deleted and created again), nor does a stream {@code DELETING} come back: both end the wait with the reason. The SDK
 * has no Firehose waiter.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html">DescribeDeliveryStream</a>
 */
public final class DeliveryStreamWait {

    /** Long enough for a delivery stream on AWS, which takes a few minutes to become ACTIVE. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private DeliveryStreamWait() {
    }

    public static DeliveryStreamDescription awaitActive(FirehoseClient firehose, String name, Duration timeout) {
        return awaitActive(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name))
                .deliveryStreamDescription(), name, timeout, ResourceWait.polling());
    }

    /** The same with the async client; what a describe call throws is rethrown unwrapped. */
    public static DeliveryStreamDescription awaitActive(FirehoseAsyncClient firehose, String name, Duration timeout) {
        return awaitActive(() -> {
            try {
                return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).join()
                        .deliveryStreamDescription();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }, name, timeout, ResourceWait.polling());
    }

    /**
     * Waits until a deleted stream is gone ({@code DescribeDeliveryStream} answers {@code ResourceNotFoundException}).
     * Firehose advises against waiting for this in an application (removal is "a low priority operation"); a caller
     * that must create the name again has no choice. {@code DELETING_FAILED}, or a stream not being deleted, ends it.
     */
    public static void awaitDeleted(FirehoseClient firehose, String name, Duration timeout) {
        awaitDeleted(() -> {
            try {
                return Optional.of(firehose.describeDeliveryStream(b -> b.deliveryStreamName(name))
                        .deliveryStreamDescription());
            } catch (ResourceNotFoundException gone) {
                return Optional.empty();
            }
        }, name, timeout, ResourceWait.polling());
    }

    static void awaitDeleted(Supplier<Optional<DeliveryStreamDescription>> describe, String name, Duration timeout,
                             ResourceWait wait) {
        wait.until("delivery stream " + name, timeout, describe, found -> found.map(stream ->
                switch (stream.deliveryStreamStatus()) {
                    case DELETING -> new ResourceWait.Pending("DELETING");
                    case DELETING_FAILED -> judge(name, stream);
                    default -> (ResourceWait.State) new ResourceWait.Failed("is " + stream.deliveryStreamStatusAsString()
                            + ", not being deleted");
                }).orElse(new ResourceWait.Ready()));
    }

    static DeliveryStreamDescription awaitActive(Supplier<DeliveryStreamDescription> describe, String name,
                                                 Duration timeout, ResourceWait wait) {
        return wait.until("delivery stream " + name, timeout, describe, d -> judge(name, d));
    }

    static ResourceWait.State judge(String name, DeliveryStreamDescription stream) {
        DeliveryStreamStatus status = stream.deliveryStreamStatus();
        if (status == DeliveryStreamStatus.ACTIVE) {
            return new ResourceWait.Ready();
        }
        if (status == DeliveryStreamStatus.CREATING) {
            return new ResourceWait.Pending(stream.deliveryStreamStatusAsString());
        }
        String failure = stream.failureDescription() == null ? ""
                : ": " + stream.failureDescription().typeAsString() + ", " + stream.failureDescription().details();
        String delete = "aws firehose delete-delivery-stream --delivery-stream-name " + name;
        return new ResourceWait.Failed(switch (status) {
            case CREATING_FAILED -> "could not be created (CREATING_FAILED" + failure + "); it stays so until it "
                    + "is deleted: " + delete + ", then create it again";
            case DELETING -> "is being deleted (DELETING): wait until DescribeDeliveryStream no longer finds it, "
                    + "then create it again";
            case DELETING_FAILED -> "could not be deleted (DELETING_FAILED" + failure + "): " + delete;
            default -> "is in status " + stream.deliveryStreamStatusAsString() + ", which this client does not know";
        });
    }
}
