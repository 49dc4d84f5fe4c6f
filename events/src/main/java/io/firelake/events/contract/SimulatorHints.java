package io.firelake.events.contract;

import java.util.List;
import java.util.Map;

/**
 * How the producer's simulator makes events of a contract ({@code contract.yaml}'s {@code simulator}).
 *
 * @param generator {@code generic} (any raw schema, from the field hints) or a named generator ({@code clickstream})
 * @param fields    hints per raw field; a field without one gets values its type allows
 * @param faults    the fault kinds the simulator may inject, by label
 */
public record SimulatorHints(String generator, Map<String, FieldHint> fields, List<String> faults) {

    public static final String GENERIC = "generic";
    public static final List<String> GENERATORS = List.of(GENERIC, "clickstream");
    /** The faults a simulator knows how to inject, as the manifest names them. */
    public static final List<String> FAULT_KINDS = List.of("malformed_json", "invalid_utf8", "wrong_type",
            "missing_field", "oversized", "duplicate", "late");

    public SimulatorHints {
        fields = Map.copyOf(fields);
        faults = List.copyOf(faults);
    }

    /**
     * A hint for one raw field.
     *
     * @param values       the values to draw from with their weights (equal when given as a list); empty for none
     * @param cardinality  how many distinct values to draw from (ids, keys), 0 when not given
     * @param min          the least number or length, or null
     * @param max          the greatest number or length, or null
     * @param distribution {@code uniform}, {@code normal} (mean in the middle of min..max) or {@code zipf} (few values
     *                     most of the time)
     * @param nullRate     the share of events where an optional field is absent
     * @param prefix       the prefix of generated text values ({@code device-} gives {@code device-0042})
     * @param entries      a map field's keys, each with the values drawn for it (uniformly); empty for none
     */
    public record FieldHint(Map<String, Double> values, int cardinality, Double min, Double max, String distribution,
                            double nullRate, String prefix, Map<String, List<String>> entries) {

        public static final List<String> DISTRIBUTIONS = List.of("uniform", "normal", "zipf");

        public FieldHint {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }
    }
}
