package io.firelake.producer.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The probability of each fault per generated record; at most one fault per record. */
public record FaultRates(Map<FaultKind, Double> rates) {

    public FaultRates {
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        double total = 0;
        for (Map.Entry<FaultKind, Double> entry : rates.entrySet()) {
            double rate = entry.getValue();
            if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("fault rate of " + entry.getKey().label() + " must be in [0, 1]");
            }
            if (rate > 0) {
                copy.put(entry.getKey(), rate);
                total += rate;
            }
        }
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("fault rates add up to " + total + ", more than 1");
        }
        rates = Collections.unmodifiableMap(copy);
    }

    public static FaultRates none() {
        return new FaultRates(Map.of());
    }

    /** A total rate shared by every kind according to its weight (oversized gets a twentieth of a share). */
    public static FaultRates combined(double total) {
        double weights = 0;
        for (FaultKind kind : FaultKind.values()) {
            weights += kind.weight();
        }
        EnumMap<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            rates.put(kind, total * kind.weight() / weights);
        }
        return new FaultRates(rates);
    }

    /** This set with one kind's rate replaced. */
    public FaultRates with(FaultKind kind, double rate) {
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        copy.putAll(rates);
        copy.put(kind, rate);
        return new FaultRates(copy);
    }

    public double rate(FaultKind kind) {
        return rates.getOrDefault(kind, 0.0);
    }

    public double total() {
        return rates.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The fault for a uniform draw in [0, 1), or null for a valid record. */
    FaultKind pick(double draw) {
        double cumulative = 0;
        for (Map.Entry<FaultKind, Double> entry : rates.entrySet()) {
            cumulative += entry.getValue();
            if (draw < cumulative) {
                return entry.getKey();
            }
        }
        return null;
    }
}
