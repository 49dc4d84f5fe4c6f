package io.firelake.events.contract;

import io.firelake.events.contract.SimulatorHints.FieldHint;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType.Kind;
import io.firelake.events.yaml.YamlSetting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code contract.yaml}'s {@code simulator}, checking every hint against the raw schema. */
final class HintsReader {

    private static final Set<Kind> NUMERIC = Set.of(Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE, Kind.DECIMAL);

    private HintsReader() {
    }

    static SimulatorHints read(YamlSetting node, EventSchema raw) {
        node.onlyKeys(Set.of("generator", "fields", "faults"));
        YamlSetting generatorNode = node.child("generator");
        String generator = generatorNode.text(SimulatorHints.GENERIC);
        if (!SimulatorHints.GENERATORS.contains(generator)) {
            throw generatorNode.error("unknown generator '" + generator + "'; generators: " + SimulatorHints.GENERATORS);
        }
        Map<String, FieldHint> fields = new HashMap<>();
        for (Map.Entry<String, YamlSetting> entry : node.child("fields").entries()) {
            FieldSpec field = raw.fieldAt(entry.getKey()).orElseThrow(() -> entry.getValue().error(
                    "is not a field of " + raw.fullName() + (entry.getKey().contains(".")
                            ? " (a dotted name is a record field's sub-field)" : "")));
            if (field.storageType().kind() == Kind.RECORD) {
                for (Map.Entry<String, YamlSetting> key : entry.getValue().entries()) {
                    if (!key.getKey().equals("null_rate")) {
                        throw key.getValue().error("a record field takes only null_rate; hint its sub-fields by "
                                + "dotted name (" + entry.getKey() + "." + field.storageType().fields().get(0).name()
                                + ")");
                    }
                }
            }
            fields.put(entry.getKey(), hint(entry.getValue(), field, entry.getKey()));
        }
        List<String> faults = new ArrayList<>();
        YamlSetting faultsNode = node.child("faults");
        if (!faultsNode.present()) {
            faults.addAll(SimulatorHints.FAULT_KINDS);
        }
        for (YamlSetting fault : faultsNode.items()) {
            String label = fault.text();
            if (!SimulatorHints.FAULT_KINDS.contains(label)) {
                throw fault.error("unknown fault '" + label + "'; faults: " + SimulatorHints.FAULT_KINDS);
            }
            faults.add(label);
        }
        return new SimulatorHints(generator, fields, faults);
    }

    private static FieldHint hint(YamlSetting node, FieldSpec field, String path) {
        node.onlyKeys(Set.of("values", "cardinality", "min", "max", "distribution", "null_rate", "prefix", "entries"));
        Map<String, Double> values = values(node.child("values"), field, path);
        double cardinality = node.child("cardinality").number(0);
        if (cardinality < 0 || cardinality != Math.rint(cardinality)) {
            throw node.child("cardinality").error("must be a whole number of at least 1");
        }
        Double min = node.child("min").present() ? node.child("min").number(0) : null;
        Double max = node.child("max").present() ? node.child("max").number(0) : null;
        if ((min != null || max != null) && !NUMERIC.contains(field.storageType().kind())
                && field.storageType().kind() != Kind.STRING) {
            throw node.child(min != null ? "min" : "max").error("applies to numbers and text lengths, and "
                    + path + " is " + field.storageType().kind());
        }
        if (min != null && max != null && min > max) {
            throw node.child("min").error("is greater than max (" + max + ")");
        }
        YamlSetting distributionNode = node.child("distribution");
        String distribution = distributionNode.text("uniform");
        if (!FieldHint.DISTRIBUTIONS.contains(distribution)) {
            throw distributionNode.error("unknown distribution '" + distribution + "'; distributions: "
                    + FieldHint.DISTRIBUTIONS);
        }
        double nullRate = node.child("null_rate").number(0);
        if (nullRate < 0 || nullRate > 1) {
            throw node.child("null_rate").error("must be between 0 and 1");
        }
        if (nullRate > 0 && field.required()) {
            throw node.child("null_rate").error(path + " is required: it cannot be left out");
        }
        return new FieldHint(values, (int) cardinality, min, max, distribution, nullRate,
                node.child("prefix").text(""), entries(node.child("entries"), field, path));
    }

    /** A map field's {@code entries: {key: [value, ...], ...}}: every key is sent, with one of its values. */
    private static Map<String, List<String>> entries(YamlSetting node, FieldSpec field, String path) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        if (!node.present()) {
            return entries;
        }
        if (field.storageType().kind() != Kind.MAP) {
            throw node.error("applies to map fields, and " + path + " is " + field.storageType().kind());
        }
        for (Map.Entry<String, YamlSetting> entry : node.entries()) {
            List<String> values = entry.getValue().items().stream().map(YamlSetting::text).toList();
            if (values.isEmpty()) {
                throw entry.getValue().error("lists the values of key '" + entry.getKey() + "': [a, b, ...]");
            }
            entries.put(entry.getKey(), values);
        }
        return entries;
    }

    private static Map<String, Double> values(YamlSetting node, FieldSpec field, String path) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (node.isList()) {
            node.items().forEach(item -> weights.put(item.text(), 1.0));
        } else {
            for (Map.Entry<String, YamlSetting> entry : node.entries()) {
                double weight = entry.getValue().number(1);
                if (weight <= 0) {
                    throw entry.getValue().error("a weight must be positive");
                }
                weights.put(entry.getKey(), weight);
            }
        }
        List<String> symbols = field.types().get(0).kind() == Kind.ENUM ? field.types().get(0).symbols() : null;
        if (symbols != null) {
            for (String value : weights.keySet()) {
                if (!symbols.contains(value)) {
                    throw node.error("'" + value + "' is not one of " + path + "'s symbols " + symbols);
                }
            }
        }
        return weights;
    }
}
