package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A count, sum, min or max, by the values of a dimension or as one value. A dimension with declared values (an enum)
 * and no dimension at all are held in arrays; any other dimension in a map bounded to {@code max_keys} keys, further
 * ones under {@link AggregateSpec#OTHER_KEY}, so state stays bounded whatever producers send. Values are longs: exact
 * numbers unscaled, doubles as their bits.
 */
final class NumberCell {

    private final Kind kind;
    private final boolean real;
    private final int maxKeys;
    private final List<String> keys;
    private final long[] values;
    private final boolean[] seen;
    private final TreeMap<String, long[]> byKey;

    NumberCell(AggregatePlan.Planned plan) {
        this.kind = plan.kind();
        this.real = plan.real();
        this.maxKeys = plan.spec().maxKeys();
        if (plan.arrayKeyed()) {
            this.keys = plan.by() < 0 ? List.of("") : plan.byValues();
            this.values = new long[keys.size()];
            this.seen = new boolean[keys.size()];
            this.byKey = null;
        } else {
            this.keys = null;
            this.values = null;
            this.seen = null;
            this.byKey = new TreeMap<>();
        }
    }

    void add(int index, long value) {
        values[index] = seen[index] ? combine(values[index], value) : value;
        seen[index] = true;
    }

    void add(String key, long value) {
        String held = byKey.containsKey(key) || byKey.size() < maxKeys ? key : AggregateSpec.OTHER_KEY;
        long[] cell = byKey.get(held);
        if (cell == null) {
            byKey.put(held, new long[] {value});
        } else {
            cell[0] = combine(cell[0], value);
        }
    }

    private long combine(long held, long value) {
        if (real) {
            double a = Double.longBitsToDouble(held);
            double b = Double.longBitsToDouble(value);
            return Double.doubleToLongBits(switch (kind) {
                case MIN -> Math.min(a, b);
                case MAX -> Math.max(a, b);
                default -> a + b;
            });
        }
        return switch (kind) {
            case MIN -> Math.min(held, value);
            case MAX -> Math.max(held, value);
            default -> held + value;
        };
    }

    boolean isReal() {
        return real;
    }

    /** The values held, by key ("" without a dimension), in the dimension's order or sorted. */
    Map<String, Long> raw() {
        Map<String, Long> raw = new LinkedHashMap<>();
        if (byKey != null) {
            byKey.forEach((key, cell) -> raw.put(key, cell[0]));
        } else {
            for (int i = 0; i < values.length; i++) {
                if (seen[i]) {
                    raw.put(keys.get(i), values[i]);
                }
            }
        }
        return raw;
    }

    /** Puts a value read back from state; false when the key is not among the dimension's values any more. */
    boolean restore(String key, long value) {
        if (byKey != null) {
            add(key, value);
            return true;
        }
        int index = keys.indexOf(key);
        if (index < 0) {
            return false;
        }
        add(index, value);
        return true;
    }

    /** The value for a minute item: null for a min or max that saw nothing. */
    AggregateValue value(boolean keyed, int scale) {
        Map<String, Long> raw = raw();
        if (!keyed) {
            Long value = raw.get("");
            if (value == null) {
                return kind == Kind.COUNT || kind == Kind.SUM ? new AggregateValue.Amount(decimal(0, scale)) : null;
            }
            return new AggregateValue.Amount(decimal(value, scale));
        }
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        raw.forEach((key, value) -> amounts.put(key, decimal(value, scale)));
        return new AggregateValue.Amounts(amounts);
    }

    private BigDecimal decimal(long value, int scale) {
        return real ? BigDecimal.valueOf(Double.longBitsToDouble(value)) : BigDecimal.valueOf(value, scale);
    }
}
