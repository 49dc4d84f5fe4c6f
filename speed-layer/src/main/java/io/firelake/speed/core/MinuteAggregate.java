package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one shard's window saw of one event-time minute: the count of valid events and one cell per declared aggregate
 * ({@link NumberCell}, {@link TopK} or {@link DistinctSketch}). Mutable: it lives inside a {@link WindowState}.
 */
public final class MinuteAggregate {

    private final AggregatePlan plan;
    long events;
    final Object[] cells;

    MinuteAggregate(AggregatePlan plan) {
        this.plan = plan;
        AggregatePlan.Planned[] aggregates = plan.aggregates();
        this.cells = new Object[aggregates.length];
        for (int i = 0; i < aggregates.length; i++) {
            cells[i] = switch (aggregates[i].kind()) {
                case DISTINCT -> new DistinctSketch();
                case TOP_K -> new TopK(aggregates[i].spec().k());
                default -> new NumberCell(aggregates[i]);
            };
        }
    }

    void add(Event event) {
        events++;
        AggregatePlan.Planned[] aggregates = plan.aggregates();
        String[] text = event.text();
        long[] numbers = event.numbers();
        for (int i = 0; i < aggregates.length; i++) {
            AggregatePlan.Planned aggregate = aggregates[i];
            if (aggregate.where() != null && !aggregate.where().test(event)) {
                continue;
            }
            int field = aggregate.field();
            switch (aggregate.kind()) {
                case DISTINCT -> {
                    if (event.has(field)) {
                        ((DistinctSketch) cells[i]).add(text[field]);
                    }
                }
                case TOP_K -> {
                    if (event.has(field)) {
                        ((TopK) cells[i]).add(text[field], 1);
                    }
                }
                default -> {
                    long value = 1;
                    if (aggregate.kind() != Kind.COUNT) {
                        if (!event.has(field) || (aggregate.times() >= 0 && !event.has(aggregate.times()))) {
                            continue;
                        }
                        value = numbers[aggregate.times() >= 0 ? aggregate.product() : field];
                    }
                    NumberCell cell = (NumberCell) cells[i];
                    int by = aggregate.by();
                    if (by < 0) {
                        cell.add(0, value);
                    } else if (event.has(by)) {
                        if (aggregate.byValues() != null) {
                            cell.add((int) numbers[by], value);
                        } else {
                            cell.add(text[by], value);
                        }
                    }
                }
            }
        }
    }

    public long events() {
        return events;
    }

    /** The aggregates by name, as a minute item carries them. */
    public Map<String, AggregateValue> values() {
        Map<String, AggregateValue> values = new LinkedHashMap<>();
        AggregatePlan.Planned[] aggregates = plan.aggregates();
        for (int i = 0; i < aggregates.length; i++) {
            AggregateValue value;
            if (cells[i] instanceof DistinctSketch sketch) {
                value = new AggregateValue.Sketch(sketch.toBytes(), sketch.estimate());
            } else if (cells[i] instanceof TopK top) {
                Map<String, BigDecimal> counts = new LinkedHashMap<>();
                top.toMap().forEach((key, count) -> counts.put(key, BigDecimal.valueOf(count)));
                value = new AggregateValue.Amounts(counts);
            } else {
                value = ((NumberCell) cells[i]).value(aggregates[i].by() >= 0, aggregates[i].scale());
            }
            if (value != null) {
                values.put(aggregates[i].name(), value);
            }
        }
        return values;
    }

    /** The cell of the named aggregate, for tests and the state codec; null when the spec has none of that name. */
    Object cell(String name) {
        int index = plan.aggregateIndex(name);
        return index < 0 ? null : cells[index];
    }

    AggregatePlan plan() {
        return plan;
    }
}
