package io.firelake.speed.reader;

import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowSummaryItem;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;
import io.firelake.speed.dynamodb.AggregateTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads the items of a range of minutes: one strongly consistent Query per minute and per item kind. */
public final class AggregateReader {

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final SpeedLayerSpec spec;

    /** Reads the aggregates of the contract {@code FIRELAKE_CONTRACT} names (default clickstream). */
    public AggregateReader(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, SpeedLayerContracts.selected());
    }

    /** Reads the aggregates {@code spec} declares, by name. */
    public AggregateReader(DynamoDbClient dynamo, String tableName, SpeedLayerSpec spec) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.spec = spec;
    }

    public SpeedLayerSpec spec() {
        return spec;
    }

    public List<MinuteItem> minutes(long firstMinute, long lastMinute) {
        List<MinuteItem> items = new ArrayList<>();
        for (long minute = firstMinute; minute <= lastMinute; minute++) {
            items.addAll(query(AggregateKeys.minutePartition(minute), item -> AggregateTable.minuteFrom(item, spec)));
        }
        return items;
    }

    public List<WindowSummaryItem> windows(long firstMinute, long lastMinute) {
        List<WindowSummaryItem> items = new ArrayList<>();
        for (long minute = firstMinute; minute <= lastMinute; minute++) {
            items.addAll(query(AggregateKeys.windowPartition(minute * 60_000L), AggregateTable::summaryFrom));
        }
        return items;
    }

    private <T> List<T> query(String partition, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> out = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                .items().forEach(item -> out.add(mapper.apply(item)));
        return out;
    }
}
