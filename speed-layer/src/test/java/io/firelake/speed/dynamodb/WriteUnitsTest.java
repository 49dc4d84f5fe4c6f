package io.firelake.speed.dynamodb;

import io.firelake.speed.ClickstreamFixtures;
import io.firelake.speed.core.DistinctSketch;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowKey;
import io.firelake.speed.core.WindowOutput;
import io.firelake.speed.core.WindowSummaryItem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write units behind the cost model: a quiet minute's sessions sketch is a short list (one unit for the item),
 * a busy minute's a 2 KiB array of buckets.
 */
class WriteUnitsTest {

    private static final WindowKey WINDOW = new WindowKey("shardId-000000000000", 1_795_316_940_000L,
            1_795_317_000_000L, "4".repeat(56), "5".repeat(56));

    @Test
    void sizesFollowDynamoDbsRules() {
        assertThat(AggregateTable.writeUnits(Map.of("pk", AttributeValue.fromS("x".repeat(1000))))).isEqualTo(1);
        assertThat(AggregateTable.writeUnits(Map.of("pk", AttributeValue.fromS("x".repeat(1023))))).isEqualTo(2);
    }

    @Test
    void aSmallMinuteCostsOneUnitAndItsWindowAccountingOne() {
        MinuteItem quiet = ClickstreamFixtures.minute(29_921_949L, WINDOW, Map.of("page_view", 3L), Map.of("/home", 3L), 0, 0,
                Map.of(), sessions(3).toBytes(), 3);
        WindowSummaryItem summary = new WindowSummaryItem(WINDOW, 3, 3, 3, 0, 0, Map.of());

        assertThat(AggregateTable.writeUnits(new WindowOutput(List.of(quiet), summary), "expires_at")).isEqualTo(2);
    }

    @Test
    void aBusyMinuteWithFiftyLongPagesCostsAboutNineUnits() {
        Map<String, Long> pages = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            pages.put("https://shop.example/" + "p".repeat(100) + i, 1_000_000L + i);
        }
        MinuteItem busy = ClickstreamFixtures.minute(29_921_949L, WINDOW, Map.of("page_view", 30_000L, "click", 10_000L), pages,
                500, 900, Map.of("EUR", 12_345_678L, "USD", 99_999L), sessions(7_500).toBytes(), 7_500);
        WindowSummaryItem summary = new WindowSummaryItem(WINDOW, 60_000, 60_000, 60_000, 0, 0,
                Map.of("MALFORMED_JSON", 3L));

        int units = AggregateTable.writeUnits(new WindowOutput(List.of(busy), summary), "expires_at");
        assertThat(units).isBetween(8, 10);
    }

    private static DistinctSketch sessions(int distinct) {
        DistinctSketch sketch = new DistinctSketch();
        for (int i = 0; i < distinct; i++) {
            sketch.add("session-" + i);
        }
        return sketch;
    }
}
