package io.firelake.speed.dynamodb;

import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.core.AggregateStore;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowOutput;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.util.Map;

/**
 * Writes a finished window's items with one conditional PutItem each.
 *
 * <p>Why conditional puts and not ADD counters or transactions: an item belongs to exactly one (minute, shard, window,
 * first sequence number), so it is written whole, never incremented, and a redelivered window (Lambda retrying a
 * failed final invocation, or the local event source replaying from a checkpoint) rewrites the same key. The condition
 * {@code attribute_not_exists(pk) OR last_seq_sort < :seq} lets the first write of a window through and turns every
 * later write of the same window (same last sequence number) into a ConditionalCheckFailed, counted as already present:
 * no double counting, and no read-before-write. ADD counters would double count on every retry; a transaction would
 * make the window's items all-or-nothing but costs two write units an item and caps at 100 items, and partial success
 * is harmless here because the retry skips what is already there.
 *
 * <p>Retryable errors (throttling, 5xx) are retried by the SDK's standard retry policy; whatever still fails is thrown,
 * so the invocation fails and Lambda retries it (its final invocation blocks the shard until it succeeds).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html">Condition expressions</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html">Lambda tumbling windows</a>
 */
public final class DynamoDbAggregateStore implements AggregateStore {

    /** The SAM parameter AggregatesTtlDays' default. */
    public static final int DEFAULT_TTL_DAYS = 7;

    private static final String CONDITION = "attribute_not_exists(" + AggregateTable.PK + ") OR "
            + AggregateTable.LAST_SEQ_SORT + " < :seq";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration ttl;
    private final String ttlAttribute;

    public DynamoDbAggregateStore(DynamoDbClient dynamo, String tableName, Duration ttl) {
        this(dynamo, tableName, ttl, AggregateTable.TTL_ATTRIBUTE);
    }

    public DynamoDbAggregateStore(DynamoDbClient dynamo, String tableName, Duration ttl, String ttlAttribute) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.ttl = ttl;
        this.ttlAttribute = ttlAttribute;
    }

    @Override
    public WriteReport write(WindowOutput output) {
        long expiresAt = output.summary().window().windowEnd() / 1000 + ttl.toSeconds();
        Map<String, AttributeValue> seq = Map.of(":seq",
                AttributeValue.fromS(AggregateKeys.sortableSequence(output.summary().window().lastSequenceNumber())));
        int written = 0;
        int alreadyPresent = 0;
        for (MinuteItem minute : output.minutes()) {
            if (put(AggregateTable.toItem(minute, ttlAttribute, expiresAt), seq)) {
                written++;
            } else {
                alreadyPresent++;
            }
        }
        // The accounting item goes last: its presence means the whole window is stored.
        if (put(AggregateTable.toItem(output.summary(), ttlAttribute, expiresAt), seq)) {
            written++;
        } else {
            alreadyPresent++;
        }
        return new WriteReport(written, alreadyPresent);
    }

    private boolean put(Map<String, AttributeValue> item, Map<String, AttributeValue> values) {
        try {
            dynamo.putItem(b -> b.tableName(tableName).item(item).conditionExpression(CONDITION)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return false;
        }
    }
}
