package io.firelake.producer.sdk;

import io.firelake.aws.retry.Backoff;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.PutResult;
import io.firelake.producer.send.RecordSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What the SDK adapters of the sender share: an async client (their own or a caller's), whole requests retried by the
 * SDK with the attempts the records have left ({@link PutRecordsRetries}), and a failed request turned into the
 * sender's {@link io.firelake.producer.send.SinkException} ({@link SinkErrors}).
 */
public abstract class SdkRecordSink<C extends SdkAutoCloseable> implements RecordSink {

    private final SinkClient<C> sdk;
    private final PutRecordsRetries retries;

    protected SdkRecordSink(SinkClient<C> sdk, Backoff backoff) {
        this.sdk = sdk;
        this.retries = new PutRecordsRetries(backoff);
    }

    public C client() {
        return sdk.client();
    }

    /**
     * Sends one request that may be sent {@code maxAttempts} times: {@code call} makes it with the plugin that carries
     * its retry strategy, {@code outcomes} reads one outcome per record from the answer.
     */
    protected final <R> CompletableFuture<PutResult> send(int maxAttempts,
                                                          Function<SdkPlugin, CompletableFuture<R>> call,
                                                          Function<R, List<PutOutcome>> outcomes) {
        PutRecordsRetries.Attempts attempts = retries.forRequest(maxAttempts);
        return call.apply(attempts.plugin()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(SinkErrors.classify(error, attempts.sent()));
            }
            return new PutResult(outcomes.apply(response), attempts.sent());
        });
    }

    @Override
    public void close() {
        sdk.close();
    }
}
