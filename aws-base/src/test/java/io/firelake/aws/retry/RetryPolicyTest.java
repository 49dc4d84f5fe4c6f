package io.firelake.aws.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recording = slept::add;

    @Test
    void backoffGrowsConstantlyLinearlyOrExponentiallyUpToItsCap() {
        Backoff constant = Backoff.constant(Duration.ofSeconds(1));
        Backoff linear = Backoff.linear(Duration.ofMillis(200), Duration.ofMillis(700));
        Backoff exponential = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

        assertThat(List.of(1, 2, 3).stream().map(constant::ceilingMillis)).containsExactly(1000L, 1000L, 1000L);
        assertThat(List.of(1, 2, 3, 4).stream().map(linear::ceilingMillis)).containsExactly(200L, 400L, 600L, 700L);
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(exponential::ceilingMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L);
        assertThat(exponential.ceilingMillis(10_000)).as("no overflow for a long run of retries").isEqualTo(2000L);
        assertThat(exponential.delay(3)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void jitterStaysWithinItsBand() {
        Backoff equal = Backoff.exponential(Duration.ofMillis(400), Duration.ofSeconds(10)).withJitter(Backoff.Jitter.EQUAL);
        Backoff full = Backoff.exponential(Duration.ofMillis(400), Duration.ofSeconds(10)).withJitter(Backoff.Jitter.FULL);
        for (int i = 0; i < 200; i++) {
            assertThat(equal.delay(2).toMillis()).isBetween(400L, 800L);
            assertThat(full.delay(2).toMillis()).isBetween(0L, 800L);
        }
    }

    @Test
    void callRetriesWhatIsRetryableUntilTheAttemptsRunOut() throws Exception {
        RetryPolicy policy = RetryPolicy.attempts(3, Backoff.linear(Duration.ofMillis(200), Duration.ofSeconds(1)));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.call(attempt -> {
            calls.incrementAndGet();
            throw new IOException("attempt " + attempt);
        }, e -> e instanceof IOException, recording)).isInstanceOf(IOException.class).hasMessage("attempt 3");
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));

        String result = policy.call(attempt -> {
            if (attempt < 2) {
                throw new IllegalStateException("once");
            }
            return "ok after " + attempt;
        }, e -> true, recording);
        assertThat(result).isEqualTo("ok after 2");
    }

    @Test
    void callThrowsWhatIsNotRetryableAtOnce() {
        RetryPolicy policy = RetryPolicy.unlimited(Backoff.constant(Duration.ofMillis(10)));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.call(attempt -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        }, e -> e instanceof IOException, recording)).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void repeatRetriesOnlyWhatIsLeftOfAPartialFailure() throws Exception {
        RetryPolicy policy = RetryPolicy.retries(4, Backoff.constant(Duration.ofMillis(50)));
        // each attempt gets half of what is left through
        RetryPolicy.Attempted<List<Integer>> result = policy.repeat(List.of(1, 2, 3, 4, 5, 6, 7, 8),
                left -> left.subList(0, left.size() / 2), List::isEmpty, recording);

        assertThat(result.value()).isEmpty();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(slept).hasSize(3);

        RetryPolicy.Attempted<List<Integer>> givenUp = RetryPolicy.retries(1, Backoff.constant(Duration.ZERO))
                .repeat(List.of(1, 2, 3, 4), left -> left.subList(0, left.size() - 1), List::isEmpty, recording);
        assertThat(givenUp.value()).containsExactly(1, 2);
        assertThat(givenUp.attempts()).isEqualTo(2);
    }

    @Test
    void retryStateSchedulesWithoutBlockingAndCountsAgainstThePolicy() {
        RetryState state = new RetryState(RetryPolicy.retries(2, Backoff.exponential(Duration.ofMillis(100),
                Duration.ofSeconds(2))));
        assertThat(state.due(0)).isTrue();

        assertThat(state.failed(1_000)).isTrue();
        assertThat(state.due(1_099)).isFalse();
        assertThat(state.due(1_100)).isTrue();
        assertThat(state.failed(2_000)).isTrue();
        assertThat(state.notBeforeMillis()).isEqualTo(2_200);
        assertThat(state.failed(3_000)).as("a third failure is past two retries").isFalse();
        assertThat(state.failures()).isEqualTo(3);

        state.reset();
        assertThat(state.failures()).isZero();
        assertThat(state.due(0)).isTrue();
        assertThat(new RetryState(RetryPolicy.unlimited(Backoff.constant(Duration.ZERO))).failed(0)).isTrue();
    }

    @Test
    void policiesRejectNonsense() {
        assertThatThrownBy(() -> RetryPolicy.attempts(0, Backoff.constant(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.attempts(5, Backoff.constant(Duration.ZERO)).maxRetries()).isEqualTo(4);
    }
}
