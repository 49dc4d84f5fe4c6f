package io.firelake.speed.dynamodb;

import io.firelake.speed.ClickstreamFixtures;
import io.firelake.speed.core.DistinctSketch;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowKey;
import io.firelake.speed.report.RealtimeReport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Minute items written before DataSketches (registers under sessions_hll) are still read: by their estimate. */
class LegacyMinuteItemsTest {

    private static final long MINUTE = 29_921_949L;

    @Test
    void aLegacyItemCountsByItsStoredEstimateBesideMergedSketches() {
        MinuteItem current = minute("shardId-000000000000", sessions("a-", 40));
        Map<String, AttributeValue> legacy = new HashMap<>(
                AggregateTable.toItem(minute("shardId-000000000001", sessions("b-", 25)), "expires_at", 0));
        legacy.remove("sessions" + AggregateTable.SKETCH_SUFFIX);
        legacy.put("sessions_hll", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[2048])));

        MinuteItem read = AggregateTable.minuteFrom(legacy, ClickstreamFixtures.SPEC);
        RealtimeReport report = RealtimeReport.of(ClickstreamFixtures.SPEC, List.of(current, read), List.of(), MINUTE, MINUTE, 10);

        assertThat(read.sketch("sessions").image()).isNull();
        assertThat(read.sketch("sessions").estimate()).isEqualTo(25);
        assertThat(((io.firelake.speed.core.AggregateValue.Sketch) report.rows().get(0).aggregates().get("sessions"))
                .estimate()).isEqualTo(65);
        assertThat(report.distinct("sessions")).isEqualTo(65);
    }

    private static MinuteItem minute(String shard, DistinctSketch sessions) {
        WindowKey window = new WindowKey(shard, MINUTE * 60_000, MINUTE * 60_000 + 60_000, "1", "2");
        return ClickstreamFixtures.minute(MINUTE, window, Map.of("page_view", 1L), Map.of("/home", 1L), 0, 0, Map.of(),
                sessions.toBytes(), sessions.estimate());
    }

    private static DistinctSketch sessions(String prefix, int distinct) {
        DistinctSketch sketch = new DistinctSketch();
        for (int i = 0; i < distinct; i++) {
            sketch.add(prefix + i);
        }
        return sketch;
    }
}
