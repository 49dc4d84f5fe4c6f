package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.local.runtime.SpeedLayer;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /api/speed}: the speed layer's per-minute counts, by event type (the contract's count by its type field, when it
 * declares one), as its table in DynamoDB Local holds them for the last {@value #MINUTES} event-time minutes: a minute
 * appears once a tumbling window that counted it closed.
 */
final class SpeedView {

    static final int MINUTES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<SpeedLayer> speedLayer;
    private final Clock clock;
    private final Optional<String> countByType;

    SpeedView(Optional<SpeedLayer> speedLayer, Clock clock) {
        this.speedLayer = speedLayer;
        this.clock = clock;
        this.countByType = speedLayer.isPresent() ? countByType(SpeedLayerContracts.selected()) : Optional.empty();
    }

    /** The aggregate that counts every event by its type, if the contract declares one. */
    static Optional<String> countByType(SpeedLayerSpec spec) {
        return spec.aggregates().stream()
                .filter(a -> a.kind() == AggregateSpec.Kind.COUNT && a.where() == null && a.by() != null
                        && a.by().equals(spec.typeField()))
                .map(AggregateSpec::name)
                .findFirst();
    }

    ObjectNode speed() {
        ObjectNode node = JSON.createObjectNode().put("running", speedLayer.isPresent());
        if (speedLayer.isEmpty()) {
            return node;
        }
        SpeedLayer layer = speedLayer.get();
        long lastMinute = Math.floorDiv(clock.instant().getEpochSecond(), 60L);
        List<MinuteItem> items = layer.minutes(lastMinute - MINUTES + 1, lastMinute);
        Map<Long, Map<String, Long>> byMinute = new TreeMap<>();
        for (MinuteItem item : items) {
            Map<String, Long> types = byMinute.computeIfAbsent(item.epochMinute(), m -> new TreeMap<>());
            if (countByType.isPresent()) {
                item.counts(countByType.get()).forEach((type, n) -> types.merge(type, n, Long::sum));
            } else {
                types.merge("events", item.events(), Long::sum);
            }
        }
        node.put("table", layer.tableName()).put("firstMinute", (lastMinute - MINUTES + 1) * 60)
                .put("lastMinute", lastMinute * 60);
        ArrayNode minutes = node.putArray("minutes");
        byMinute.forEach((minute, types) -> {
            ObjectNode m = minutes.addObject().put("minute", minute * 60)
                    .put("events", types.values().stream().mapToLong(Long::longValue).sum());
            ObjectNode t = m.putObject("byType");
            types.forEach(t::put);
        });
        return node;
    }
}
