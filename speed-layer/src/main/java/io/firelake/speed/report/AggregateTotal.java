package io.firelake.speed.report;

import io.firelake.speed.core.AggregateValue;
import io.firelake.speed.core.DistinctSketch;
import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One aggregate merged across items (shards, windows, minutes) by its kind: counts and sums added, minima and maxima
 * kept, top-k counts added (re-ranked at the end), distinct-count sketches unioned, so a value seen by two shards or
 * two minutes counts once. An item written before DataSketches has no sketch to merge: its stored estimate is added.
 */
final class AggregateTotal {

    private final Kind kind;
    private BigDecimal amount;
    private Map<String, BigDecimal> amounts;
    private final DistinctSketch sketch = new DistinctSketch();
    private long unmergeable;
    private boolean seen;

    AggregateTotal(Kind kind) {
        this.kind = kind;
    }

    void add(AggregateValue value) {
        seen = true;
        if (value instanceof AggregateValue.Amount a) {
            amount = amount == null ? a.value() : combine(amount, a.value());
        } else if (value instanceof AggregateValue.Amounts a) {
            if (amounts == null) {
                amounts = new TreeMap<>();
            }
            a.values().forEach((key, v) -> amounts.merge(key, v, this::combine));
        } else if (value instanceof AggregateValue.Sketch s) {
            if (s.image() == null) {
                unmergeable += s.estimate();
            } else {
                sketch.merge(DistinctSketch.fromBytes(s.image()));
            }
        }
    }

    private BigDecimal combine(BigDecimal a, BigDecimal b) {
        return switch (kind) {
            case MIN -> a.min(b);
            case MAX -> a.max(b);
            default -> a.add(b);
        };
    }

    /** The merged value; top-k values ranked highest first and cut to {@code top}; null when nothing was added. */
    AggregateValue result(int top) {
        if (!seen) {
            return null;
        }
        if (kind == Kind.DISTINCT) {
            return new AggregateValue.Sketch(sketch.toBytes(), sketch.estimate() + unmergeable);
        }
        if (amounts != null) {
            if (kind != Kind.TOP_K) {
                return new AggregateValue.Amounts(amounts);
            }
            Map<String, BigDecimal> ranked = new LinkedHashMap<>();
            amounts.entrySet().stream()
                    .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(top)
                    .forEach(e -> ranked.put(e.getKey(), e.getValue()));
            return new AggregateValue.Amounts(ranked);
        }
        return amount == null ? null : new AggregateValue.Amount(amount);
    }
}
