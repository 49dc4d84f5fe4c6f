package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One aggregate of a minute as the window state holds it, by name: its kind, and its values by key (numbers and top-k)
 * or its sketch. Restoring puts it into the cell of the spec's aggregate of the same name and kind; one the spec no
 * longer declares is dropped and named, never mistaken for another.
 */
record StoredCell(String name, Kind kind, boolean real, Map<String, Long> entries, byte[] sketch) {

    /** Puts this cell into the minute; adds to {@code dropped} what the spec cannot take in. */
    void restoreInto(MinuteAggregate minute, Set<String> dropped) {
        int index = minute.plan().aggregateIndex(name);
        if (index < 0 || minute.plan().aggregates()[index].kind() != kind) {
            dropped.add(name);
            return;
        }
        Object cell = minute.cells[index];
        if (cell instanceof DistinctSketch) {
            if (sketch != null) {
                minute.cells[index] = DistinctSketch.fromBytes(sketch);
            }
        } else if (cell instanceof TopK top) {
            entries.forEach(top::add);
        } else {
            NumberCell numbers = (NumberCell) cell;
            if (numbers.isReal() != real) {
                dropped.add(name);
                return;
            }
            entries.forEach((key, value) -> {
                if (!numbers.restore(key, value)) {
                    dropped.add(name + "." + key);
                }
            });
        }
    }

    static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
