package io.firelake.transform.core;

import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Transforms one Firehose batch: every input record gets exactly one result, in input order, and this never throws.
 *
 * <p>A record whose transformation throws (a bug) becomes {@code ProcessingFailed INTERNAL_ERROR} alone; the others are
 * unaffected, because Firehose fails and retries the whole batch if the response is not a one-to-one answer.
 *
 * <p><b>Response budget.</b> If the encoded response would exceed {@code maxResponseBytes} (Lambda's 6 MB synchronous
 * limit, {@link ResponseBudget#DEFAULT_MAX_RESPONSE_BYTES}), the largest {@code Ok} records are turned, one by one, into
 * {@code ProcessingFailed RESPONSE_TOO_LARGE} carrying the original record until the response fits. The original is
 * never larger than what came in (an answer entry is shorter than its request entry), so the response always fits when
 * the request did. Those records are not lost: Firehose writes them to the {@code processing-failed} error prefix with
 * the raw bytes, from which they can be replayed. The response is about three times the raw input, so keep Firehose's
 * processor buffer at 2 MB or below and this rule stays a safety net.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public final class TransformBatch {

    private final RecordTransformer transformer;
    private final LongSupplier clock;
    private final long maxResponseBytes;

    public TransformBatch(RecordTransformer transformer, LongSupplier clock, long maxResponseBytes) {
        this.transformer = transformer;
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes;
    }

    public TransformBatch(RecordTransformer transformer, LongSupplier clock) {
        this(transformer, clock, ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** The batch's clock, in epoch milliseconds: processing time, and the time the priming batch's events are about. */
    public long now() {
        return clock.getAsLong();
    }

    public RecordTransformer transformer() {
        return transformer;
    }

    public List<TransformResult> apply(List<InputRecord> records) {
        long now = clock.getAsLong();
        List<TransformResult> results = new ArrayList<>(records.size());
        // The rough size is summed while each result is fresh in the cache: a second pass over them was 5% of the core.
        long rough = ResponseBudget.ENVELOPE_BYTES;
        for (InputRecord record : records) {
            TransformResult result = transformSafely(record, now);
            rough += ResponseBudget.roughEntryBytes(result);
            results.add(result);
        }
        return rough <= maxResponseBytes ? results : fitResponse(records, results);
    }

    private TransformResult transformSafely(InputRecord record, long now) {
        try {
            return transformer.transform(record, now);
        } catch (RuntimeException | StackOverflowError e) {
            byte[] original = record.data() == null ? new byte[0] : record.data();
            return new TransformResult.ProcessingFailed(record.recordId(), original,
                    Failure.of(ReasonCode.INTERNAL_ERROR, "unexpected " + e.getClass().getSimpleName()));
        }
    }

    private List<TransformResult> fitResponse(List<InputRecord> records, List<TransformResult> results) {
        long[] sizes = new long[results.size()];
        long total = ResponseBudget.ENVELOPE_BYTES;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = ResponseBudget.entryBytes(results.get(i));
            total += sizes[i];
        }
        if (total <= maxResponseBytes) {
            return results;
        }
        Integer[] okBySize = new Integer[sizes.length];
        int count = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (results.get(i) instanceof TransformResult.Ok) {
                okBySize[count++] = i;
            }
        }
        okBySize = Arrays.copyOf(okBySize, count);
        Arrays.sort(okBySize, Comparator.comparingLong((Integer i) -> sizes[i]).reversed());
        for (int k = 0; k < okBySize.length && total > maxResponseBytes; k++) {
            int i = okBySize[k];
            InputRecord record = records.get(i);
            TransformResult failed = new TransformResult.ProcessingFailed(record.recordId(), record.data(),
                    Failure.of(ReasonCode.RESPONSE_TOO_LARGE, "the enriched record did not fit in the "
                            + maxResponseBytes + "-byte Lambda response; the original went to the error prefix"));
            long size = ResponseBudget.entryBytes(failed);
            total += size - sizes[i];
            sizes[i] = size;
            results.set(i, failed);
        }
        return results;
    }
}
