package io.firelake.local.firehose;

import java.util.Map;

/**
 * What a local delivery stream has done since it started, in user records.
 *
 * @param read                 user records read from the stream (after de-aggregation)
 * @param invocations          processor invocations, retries included
 * @param failedInvocations    invocations that failed (error, bad response, over 6 MB)
 * @param ok                   records the processor returned Ok
 * @param dropped              records the processor returned Dropped
 * @param delivered            records written to Parquet objects
 * @param objects              Parquet objects written
 * @param failedByType         records written to the error prefix, by error output type
 * @param failedByCode         records written to the error prefix, by error code
 * @param pending              records read but not yet delivered, failed or dropped
 */
public record DeliveryStats(long read, long invocations, long failedInvocations, long ok, long dropped, long delivered,
                            long objects, Map<String, Long> failedByType, Map<String, Long> failedByCode, long pending) {

    public long failed() {
        return failedByType.values().stream().mapToLong(Long::longValue).sum();
    }
}
