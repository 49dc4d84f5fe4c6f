package io.firelake.aws.wait;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.Sleeper;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for a resource that AWS creates or deletes asynchronously (a delivery stream, a Kinesis stream) to reach the
 * status its caller needs, by describing it again and again, as the API references ask of a caller: the one poll loop
 * of the project, so every caller waits, gives up and explains the same way.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 */
public final class ResourceWait {

    /** Described every 50 ms at first, doubling to once a second: a local start is seen at once, AWS is polled at 1 TPS. */
    public static final Backoff DEFAULT_POLL = Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1));

    /** What one description says: ready, not yet (its status), or never (why). */
    public sealed interface State permits Ready, Pending, Failed {
    }

    public record Ready() implements State {
    }

    /** @param status the status it is in now, named in the error if the wait times out */
    public record Pending(String status) implements State {
    }

    /** @param reason why it will never be ready, a sentence that follows the resource's name */
    public record Failed(String reason) implements State {
    }

    private final Backoff poll;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    private ResourceWait(Backoff poll, Sleeper sleeper, LongSupplier nanoTime) {
        this.poll = Objects.requireNonNull(poll, "poll");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public static ResourceWait polling() {
        return new ResourceWait(DEFAULT_POLL, Sleeper.THREAD, System::nanoTime);
    }

    /** For tests: their own pace and clock. */
    public static ResourceWait polling(Backoff poll, Sleeper sleeper, LongSupplier nanoTime) {
        return new ResourceWait(poll, sleeper, nanoTime);
    }

    /**
     * Describes the resource until {@code judge} calls it ready, and answers that description.
     *
     * @param resource names the resource in errors, e.g. {@code "delivery stream firelake-delivery"}
     * @param describe one describe call; what it throws (a resource that does not exist) ends the wait
     * @throws ResourceWaitException when the resource failed, or is still pending after {@code timeout}
     */
    public <T> T until(String resource, Duration timeout, Supplier<T> describe, Function<T, State> judge) {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        for (int retry = 1; ; retry++) {
            T description = describe.get();
            State state = judge.apply(description);
            if (state instanceof Ready) {
                return description;
            }
            if (state instanceof Failed failed) {
                throw new ResourceWaitException(resource + " " + failed.reason());
            }
            String status = ((Pending) state).status();
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                throw new ResourceWaitException(resource + " is still " + status + " after waiting "
                        + seconds(timeout) + " for it");
            }
            try {
                sleeper.sleep(Duration.ofNanos(Math.min(left, poll.delay(retry).toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResourceWaitException("interrupted while waiting for " + resource + " (" + status + ")");
            }
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
