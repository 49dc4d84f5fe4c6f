package io.firelake.aws.firehose;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.wait.ResourceWait;
import io.firelake.aws.wait.ResourceWaitException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamFailureType;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statuses Firehose documents, judged; the wait against the real endpoint is in local-runtime's tests. */
class DeliveryStreamWaitTest {

    private final ResourceWait fast = ResourceWait.polling(Backoff.constant(Duration.ZERO), d -> { }, System::nanoTime);

    private static DeliveryStreamDescription stream(DeliveryStreamStatus status) {
        return DeliveryStreamDescription.builder().deliveryStreamName("orders").deliveryStreamStatus(status).build();
    }

    @Test
    void creatingIsWaitedForUntilActive() {
        Iterator<DeliveryStreamDescription> seen = List.of(stream(DeliveryStreamStatus.CREATING),
                stream(DeliveryStreamStatus.ACTIVE)).iterator();
        assertThat(DeliveryStreamWait.awaitActive(seen::next, "orders", Duration.ofSeconds(5), fast)
                .deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    }

    @Test
    void creatingFailedNamesItsFailureAndTheWayOut() {
        DeliveryStreamDescription failed = stream(DeliveryStreamStatus.CREATING_FAILED).toBuilder()
                .failureDescription(f -> f.type(DeliveryStreamFailureType.UNKNOWN_ERROR)
                        .details("The specified bucket does not exist: firelake-lake")).build();
        assertThatThrownBy(() -> DeliveryStreamWait.awaitActive(() -> failed, "orders", Duration.ofSeconds(5), fast))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessage("delivery stream orders could not be created (CREATING_FAILED: UNKNOWN_ERROR, The "
                        + "specified bucket does not exist: firelake-lake); it stays so until it is deleted: aws "
                        + "firehose delete-delivery-stream --delivery-stream-name orders, then create it again");
    }

    @Test
    void aStreamBeingDeletedIsNotWaitedFor() {
        assertThatThrownBy(() -> DeliveryStreamWait.awaitActive(() -> stream(DeliveryStreamStatus.DELETING),
                "orders", Duration.ofSeconds(5), fast))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessageStartingWith("delivery stream orders is being deleted (DELETING)");
    }

    @Test
    void aDeletedStreamIsWaitedForUntilItIsGoneUnlessItsDeletionFailed() {
        Iterator<Optional<DeliveryStreamDescription>> seen = List.of(Optional.of(stream(DeliveryStreamStatus.DELETING)),
                Optional.<DeliveryStreamDescription>empty()).iterator();
        DeliveryStreamWait.awaitDeleted(seen::next, "orders", Duration.ofSeconds(5), fast);
        DeliveryStreamDescription failed = stream(DeliveryStreamStatus.DELETING_FAILED).toBuilder()
                .failureDescription(f -> f.type(DeliveryStreamFailureType.UNKNOWN_ERROR).details("stuck")).build();
        assertThatThrownBy(() -> DeliveryStreamWait.awaitDeleted(() -> Optional.of(failed), "orders",
                Duration.ofSeconds(5), fast))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessageStartingWith("delivery stream orders could not be deleted (DELETING_FAILED: UNKNOWN_ERROR, "
                        + "stuck)");
        assertThatThrownBy(() -> DeliveryStreamWait.awaitDeleted(() -> Optional.of(stream(DeliveryStreamStatus.ACTIVE)),
                "orders", Duration.ofSeconds(5), fast))
                .isInstanceOf(ResourceWaitException.class).hasMessage("delivery stream orders is ACTIVE, not being deleted");
    }

    @Test
    void aStreamStillCreatingAtTheTimeoutSaysSo() {
        assertThatThrownBy(() -> DeliveryStreamWait.awaitActive(() -> stream(DeliveryStreamStatus.CREATING),
                "orders", Duration.ofMillis(30), ResourceWait.polling(Backoff.constant(Duration.ofMillis(5)),
                        d -> Thread.sleep(d.toMillis()), System::nanoTime)))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessage("delivery stream orders is still CREATING after waiting 30 ms for it");
    }
}
