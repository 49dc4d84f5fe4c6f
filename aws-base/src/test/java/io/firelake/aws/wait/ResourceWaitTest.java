package io.firelake.aws.wait;

import io.firelake.aws.retry.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceWaitTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> slept = new ArrayList<>();
    private final ResourceWait wait = ResourceWait.polling(
            Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200)),
            d -> {
                slept.add(d);
                clock.addAndGet(d.toNanos());
            }, clock::get);

    private static ResourceWait.State judge(String status) {
        return switch (status) {
            case "ACTIVE" -> new ResourceWait.Ready();
            case "FAILED" -> new ResourceWait.Failed("could not be created: the bucket is missing");
            default -> new ResourceWait.Pending(status);
        };
    }

    @Test
    void describesUntilReadyBackingOffToItsCapAndAnswersTheReadyDescription() {
        Iterator<String> statuses = List.of("CREATING", "CREATING", "CREATING", "CREATING", "ACTIVE").iterator();
        assertThat(wait.until("delivery stream s", Duration.ofMinutes(1), statuses::next, ResourceWaitTest::judge))
                .isEqualTo("ACTIVE");
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(200));
    }

    @Test
    void aResourceThatIsReadyAtOnceIsNotWaitedFor() {
        assertThat(wait.until("delivery stream s", Duration.ofSeconds(1), () -> "ACTIVE", ResourceWaitTest::judge))
                .isEqualTo("ACTIVE");
        assertThat(slept).isEmpty();
    }

    @Test
    void aFailedResourceEndsTheWaitWithItsReason() {
        Iterator<String> statuses = List.of("CREATING", "FAILED").iterator();
        assertThatThrownBy(() -> wait.until("delivery stream s", Duration.ofMinutes(1), statuses::next,
                ResourceWaitTest::judge))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessage("delivery stream s could not be created: the bucket is missing");
    }

    @Test
    void aResourceStillPendingAtTheTimeoutIsAnErrorNamingItsStatusAndTheWait() {
        assertThatThrownBy(() -> wait.until("delivery stream s", Duration.ofSeconds(1), () -> "CREATING",
                ResourceWaitTest::judge))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessage("delivery stream s is still CREATING after waiting 1 s for it");
        assertThat(slept.stream().mapToLong(Duration::toMillis).sum()).as("never sleeps past the deadline")
                .isEqualTo(1000);
    }

    @Test
    void whatADescribeThrowsEndsTheWait() {
        assertThatThrownBy(() -> wait.until("delivery stream s", Duration.ofSeconds(1), () -> {
            throw new IllegalArgumentException("not found");
        }, ResourceWaitTest::judge)).isInstanceOf(IllegalArgumentException.class).hasMessage("not found");
    }
}
