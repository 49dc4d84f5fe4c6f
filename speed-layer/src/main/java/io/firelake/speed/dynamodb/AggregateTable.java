package io.firelake.speed.dynamodb;

import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.core.AggregateValue;
import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.SpeedLayerSpec;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowKey;
import io.firelake.speed.core.WindowSummaryItem;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregates table: key schema, attribute names and the mapping between items and the core's records.
 *
 * <p>Table: partition key {@code pk} (S), sort key {@code sk} (S), on-demand capacity, TTL on {@code expires_at} by default
 * (epoch seconds; DynamoDB deletes expired items within days, readers filter nothing: old minutes are never queried).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">DynamoDB Time to Live</a>
 */
public final class AggregateTable {

    public static final String DEFAULT_TABLE_NAME = "firelake-realtime";
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** The SAM parameter AggregatesTtlAttribute's default. */
    public static final String TTL_ATTRIBUTE = "expires_at";
    public static final String LAST_SEQ_SORT = "last_seq_sort";
    public static final String EVENTS_TOTAL = "events_total";
    /**
     * A distinct count's DataSketches HLL image ({@code DistinctSketch}) is {@code NAME_sketch}, its estimate
     * {@code NAME_estimate}. Items written before DataSketches carry {@code sessions_hll} (the hand-written sketch's
     * registers) instead, which readers leave alone and count by their estimate.
     */
    public static final String SKETCH_SUFFIX = "_sketch";
    public static final String ESTIMATE_SUFFIX = "_estimate";

    private AggregateTable() {
    }

    /** Creates the table with TTL enabled, for the local runtime and tests; an existing table is left as it is. */
    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        createIfMissing(dynamo, tableName, TTL_ATTRIBUTE);
    }

    public static void createIfMissing(DynamoDbClient dynamo, String tableName, String ttlAttribute) {
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        awaitActive(dynamo, tableName);
        dynamo.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(ttlAttribute).enabled(true)));
    }

    /**
     * Write capacity units one PutItem of these items costs (1 WCU per started KB of item size), with the item size
     * computed by DynamoDB's rules: attribute names plus values; strings and binaries by length, numbers about one
     * byte per two significant digits plus one, maps and lists 3 bytes plus 1 per element.
     *
     * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">Item sizes and capacity units</a>
     */
    public static int writeUnits(io.firelake.speed.core.WindowOutput output, String ttlAttribute) {
        long expiresAt = output.summary().window().windowEnd() / 1000;
        int units = writeUnits(toItem(output.summary(), ttlAttribute, expiresAt));
        for (MinuteItem minute : output.minutes()) {
            units += writeUnits(toItem(minute, ttlAttribute, expiresAt));
        }
        return units;
    }

    static int writeUnits(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8Length(attribute.getKey()) + size(attribute.getValue());
        }
        return (int) Math.max(1, (bytes + 1023) / 1024);
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return utf8Length(value.s());
        }
        if (value.n() != null) {
            String digits = value.n().replace("-", "").replace(".", "").replaceAll("^0+", "");
            return (digits.length() + 1) / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            long bytes = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                bytes += 1 + utf8Length(entry.getKey()) + size(entry.getValue());
            }
            return bytes;
        }
        return 1;
    }

    private static long utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The SDK's waiter polls every 20 s; a new table is usually active within milliseconds (always, locally). */
    private static void awaitActive(DynamoDbClient dynamo, String tableName) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (dynamo.describeTable(b -> b.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " is not active after 5 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    /**
     * A minute item: the table's own attributes, then one attribute per declared aggregate under its name (a number,
     * or a map by key), a distinct count as {@code NAME_sketch} (the DataSketches image) and {@code NAME_estimate}.
     */
    static Map<String, AttributeValue> toItem(MinuteItem minute, String ttlAttribute, long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = windowAttributes(minute.window(), ttlAttribute, expiresAtEpochSeconds);
        item.put(PK, s(AggregateKeys.minutePartition(minute.epochMinute())));
        item.put("kind", s("minute"));
        item.put("minute", s(AggregateKeys.minuteText(minute.epochMinute())));
        item.put(EVENTS_TOTAL, n(minute.events()));
        minute.aggregates().forEach((name, value) -> {
            if (value instanceof AggregateValue.Amount amount) {
                item.put(name, AttributeValue.fromN(amount.value().toPlainString()));
            } else if (value instanceof AggregateValue.Amounts amounts) {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                amounts.values().forEach((key, amount) -> map.merge(key.isEmpty() ? EMPTY_KEY : key,
                        AttributeValue.fromN(amount.toPlainString()), (a, b) -> AttributeValue.fromN(
                                new BigDecimal(a.n()).add(new BigDecimal(b.n())).toPlainString())));
                item.put(name, AttributeValue.fromM(map));
            } else if (value instanceof AggregateValue.Sketch sketch) {
                item.put(name + SKETCH_SUFFIX, AttributeValue.fromB(SdkBytes.fromByteArray(sketch.image())));
                item.put(name + ESTIMATE_SUFFIX, n(sketch.estimate()));
            }
        });
        return item;
    }

    static Map<String, AttributeValue> toItem(WindowSummaryItem summary, String ttlAttribute, long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = windowAttributes(summary.window(), ttlAttribute, expiresAtEpochSeconds);
        item.put(PK, s(AggregateKeys.windowPartition(summary.window().windowStart())));
        item.put("kind", s("window"));
        item.put("kinesis_records", n(summary.kinesisRecords()));
        item.put("user_records", n(summary.userRecords()));
        item.put(EVENTS_TOTAL, n(summary.events()));
        item.put("ignored", n(summary.ignoredRecords()));
        item.put("duplicates", n(summary.duplicates()));
        item.put("bad", counts(summary.badByReason()));
        item.put("bad_total", n(summary.badRecords()));
        return item;
    }

    /**
     * The minute item, its aggregates read by the names the spec declares: an aggregate the item lacks (written before
     * it was declared) is absent, attributes the spec no longer declares are left alone.
     */
    public static MinuteItem minuteFrom(Map<String, AttributeValue> item, SpeedLayerSpec spec) {
        long epochMinute = Instant.parse(item.get("minute").s().replace("Z", ":00Z")).getEpochSecond() / 60;
        Map<String, AggregateValue> aggregates = new LinkedHashMap<>();
        for (AggregateSpec aggregate : spec.aggregates()) {
            String name = aggregate.name();
            if (aggregate.kind() == AggregateSpec.Kind.DISTINCT) {
                AttributeValue sketch = item.get(name + SKETCH_SUFFIX); // absent from items written before DataSketches
                AttributeValue estimate = item.get(name + ESTIMATE_SUFFIX);
                if (estimate != null) {
                    aggregates.put(name, new AggregateValue.Sketch(sketch == null ? null : sketch.b().asByteArray(),
                            Long.parseLong(estimate.n())));
                }
            } else if (item.get(name) != null && item.get(name).hasM()) {
                Map<String, BigDecimal> amounts = new LinkedHashMap<>();
                item.get(name).m().forEach((key, value) -> amounts.put(key, new BigDecimal(value.n())));
                aggregates.put(name, new AggregateValue.Amounts(amounts));
            } else if (item.get(name) != null && item.get(name).n() != null) {
                aggregates.put(name, new AggregateValue.Amount(new BigDecimal(item.get(name).n())));
            }
        }
        return new MinuteItem(epochMinute, windowKeyFrom(item), Long.parseLong(item.get(EVENTS_TOTAL).n()), aggregates);
    }

    public static WindowSummaryItem summaryFrom(Map<String, AttributeValue> item) {
        return new WindowSummaryItem(windowKeyFrom(item), Long.parseLong(item.get("kinesis_records").n()),
                Long.parseLong(item.get("user_records").n()), Long.parseLong(item.get(EVENTS_TOTAL).n()),
                Long.parseLong(item.get("ignored").n()),
                item.containsKey("duplicates") ? Long.parseLong(item.get("duplicates").n()) : 0,
                countsFrom(item.get("bad")));
    }

    private static Map<String, AttributeValue> windowAttributes(WindowKey window, String ttlAttribute,
                                                                long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SK, s(AggregateKeys.sortKey(window)));
        item.put("shard", s(window.shardId()));
        item.put("window_start", s(Instant.ofEpochMilli(window.windowStart()).toString()));
        item.put("window_end", s(Instant.ofEpochMilli(window.windowEnd()).toString()));
        item.put("first_seq", s(window.firstSequenceNumber()));
        item.put("last_seq", s(window.lastSequenceNumber()));
        item.put(LAST_SEQ_SORT, s(AggregateKeys.sortableSequence(window.lastSequenceNumber())));
        item.put(ttlAttribute, n(expiresAtEpochSeconds));
        return item;
    }

    private static WindowKey windowKeyFrom(Map<String, AttributeValue> item) {
        return new WindowKey(item.get("shard").s(), Instant.parse(item.get("window_start").s()).toEpochMilli(),
                Instant.parse(item.get("window_end").s()).toEpochMilli(), item.get("first_seq").s(),
                item.get("last_seq").s());
    }

    /** Page keys may be empty strings; DynamoDB map keys may not, so the empty page is stored under a marker. */
    static final String EMPTY_KEY = "(empty)";

    private static AttributeValue counts(Map<String, Long> counts) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        counts.forEach((key, count) -> map.merge(key.isEmpty() ? EMPTY_KEY : key, n(count),
                (a, b) -> n(Long.parseLong(a.n()) + Long.parseLong(b.n()))));
        return AttributeValue.fromM(map);
    }

    private static Map<String, Long> countsFrom(AttributeValue value) {
        Map<String, Long> counts = new LinkedHashMap<>();
        value.m().forEach((key, count) -> counts.put(key, Long.parseLong(count.n())));
        return counts;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
