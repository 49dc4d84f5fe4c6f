package io.firelake.athena.catalog;

import io.firelake.events.catalog.Column;
import io.firelake.events.contract.RawSchemaParameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a table in the catalog differs from what the event contract says it should be: columns missing, of another type,
 * or extra; partition keys that differ. Glue (Hive) compares names case-insensitively and types as written.
 */
public final class CatalogDrift {

    private CatalogDrift() {
    }

    /** One difference; {@link #describe()} says it as a data engineer reads it. */
    public sealed interface Drift {
        String table();

        String describe();

        /** Whether {@code catalog sync} can apply it with UpdateTable (a column change, not a partition key change). */
        default boolean syncable() {
            return true;
        }
    }

    public record MissingTable(String table) implements Drift {
        public String describe() {
            return table + ": table missing from the catalog";
        }
    }

    public record MissingColumn(String table, String column, String type) implements Drift {
        public String describe() {
            return table + ": missing column " + column + " " + type;
        }
    }

    public record WrongType(String table, String column, String expected, String actual) implements Drift {
        public String describe() {
            return table + ": column " + column + " is " + actual + ", the contract says " + expected;
        }
    }

    public record ExtraColumn(String table, String column, String type) implements Drift {
        public String describe() {
            return table + ": extra column " + column + " " + type + " (not in the contract)";
        }
    }

    public record PartitionKeysDiffer(String table, List<String> expected, List<String> actual) implements Drift {
        public String describe() {
            return table + ": partition keys are " + actual + ", the contract says " + expected
                    + " (a table's partition keys cannot be changed in place: recreate the table)";
        }

        @Override
        public boolean syncable() {
            return false;
        }
    }

    /**
     * The table does not record the contract's raw schema ({@code firelake.raw_schema}, see
     * {@link io.firelake.events.contract.RawSchemaParameters}): written before it was recorded, or by another version.
     */
    public record RawSchemaNotRecorded(String table) implements Drift {
        public String describe() {
            return table + ": its parameters do not record the contract's raw schema";
        }
    }

    /**
     * The raw table records the contract's raw schema but not the fields its event id and event time roles name
     * ({@link io.firelake.events.contract.RawSchemaParameters#EVENT_ID}, {@code EVENT_TIME}): written before they were.
     */
    public record RolesNotRecorded(String table) implements Drift {
        public String describe() {
            return table + ": its parameters do not record the contract's event id and event time fields";
        }
    }

    /**
     * The raw table records another field for a role than the contract names: the data already written was
     * de-duplicated or partitioned by it, so sync leaves it (the breaking drift says what to do).
     */
    public record RoleDiffers(String table, String parameter, String recorded, String expected) implements Drift {
        public String describe() {
            return table + ": its parameter " + parameter + " is " + recorded + ", the contract says " + expected
                    + " (a role of the data already written: not changed in place)";
        }

        @Override
        public boolean syncable() {
            return false;
        }
    }

    /**
     * How a table's parameters differ from the contract's record of itself ({@code wanted}, the raw table's
     * {@link io.firelake.events.contract.RawSchemaParameters}): the raw schema not recorded, the roles not recorded, or
     * a role recorded with another field.
     */
    public static List<Drift> recorded(String table, Map<String, String> wanted, Map<String, String> have) {
        List<Drift> drifts = new ArrayList<>();
        List<String> roles = List.of(RawSchemaParameters.EVENT_ID, RawSchemaParameters.EVENT_TIME);
        if (wanted.entrySet().stream().filter(e -> !roles.contains(e.getKey()))
                .anyMatch(e -> !e.getValue().equals(have.get(e.getKey())))) {
            drifts.add(new RawSchemaNotRecorded(table));
        }
        boolean unrecorded = false;
        for (String role : roles.stream().filter(wanted::containsKey).toList()) {
            String recorded = have.get(role);
            if (recorded == null || recorded.isBlank()) {
                unrecorded = true;
            } else if (!recorded.equals(wanted.get(role))) {
                drifts.add(new RoleDiffers(table, role, recorded, wanted.get(role)));
            }
        }
        if (unrecorded) {
            drifts.add(new RolesNotRecorded(table));
        }
        return drifts;
    }

    /** The table's description is not the one its contract gives it (a view's question, {@link LakeTables#description}). */
    public record DescriptionDiffers(String table, String expected, String actual) implements Drift {
        public String describe() {
            return table + ": description is " + (actual == null ? "missing" : "'" + actual + "'")
                    + ", the contract says '" + expected + "'";
        }
    }

    /** The differences between the expected table and the catalog's columns and partition keys, in column order. */
    public static List<Drift> compare(TableSpec expected, List<Column> columns, List<Column> partitionKeys) {
        List<Drift> drifts = new ArrayList<>();
        Map<String, Column> actual = byName(columns);
        Map<String, Column> wanted = byName(expected.columns());
        for (Column want : expected.columns()) {
            Column have = actual.get(key(want.name()));
            if (have == null) {
                drifts.add(new MissingColumn(expected.name(), want.name(), want.type()));
            } else if (!normalType(have.type()).equals(normalType(want.type()))) {
                drifts.add(new WrongType(expected.name(), want.name(), want.type(), have.type()));
            }
        }
        for (Column have : columns) {
            if (!wanted.containsKey(key(have.name()))) {
                drifts.add(new ExtraColumn(expected.name(), have.name(), have.type()));
            }
        }
        List<String> wantKeys = expected.partitionKeys().stream().map(c -> key(c.name())).toList();
        List<String> haveKeys = partitionKeys.stream().map(c -> key(c.name())).toList();
        if (!wantKeys.equals(haveKeys)) {
            drifts.add(new PartitionKeysDiffer(expected.name(), wantKeys, haveKeys));
        }
        return drifts;
    }

    private static Map<String, Column> byName(List<Column> columns) {
        Map<String, Column> out = new LinkedHashMap<>();
        columns.forEach(c -> out.put(key(c.name()), c));
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String normalType(String type) {
        return type.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
