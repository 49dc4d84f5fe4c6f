package io.firelake.athena.glue;

import io.firelake.athena.catalog.CatalogDrift;
import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractEvolution;
import io.firelake.events.contract.RawSchemaParameters;
import io.firelake.athena.catalog.CatalogDrift.Drift;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the Glue tables of the lake with the event contract ({@code catalog check}) and applies the contract
 * ({@code catalog sync}): a missing table is created, a table whose columns drifted gets a new version with the
 * contract's columns and every other setting it had (location, SerDe, parameters, partition keys, description; a
 * view's description is the contract's, {@link LakeTables#description}).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html">UpdateTable</a>
 */
public final class GlueCatalogSync {

    private final GlueClient glue;
    private final String database;

    public GlueCatalogSync(GlueClient glue, String database) {
        this.glue = glue;
        this.database = database;
    }

    /** Every drift of the given tables, in table order. */
    public List<Drift> check(List<String> tables) {
        List<Drift> drifts = new ArrayList<>();
        for (String name : tables) {
            Optional<Table> table = table(name);
            TableSpec expected = LakeTables.spec(name);
            if (table.isEmpty()) {
                drifts.add(new CatalogDrift.MissingTable(name));
            } else {
                drifts.addAll(CatalogDrift.compare(expected,
                        GlueTableInputs.fromGlue(table.get().storageDescriptor().columns()),
                        GlueTableInputs.fromGlue(table.get().partitionKeys())));
                drifts.addAll(CatalogDrift.recorded(name, LakeTables.recordedParameters(name), table.get().parameters()));
                LakeTables.description(name).filter(d -> !d.equals(table.get().description())).ifPresent(d ->
                        drifts.add(new CatalogDrift.DescriptionDiffers(name, d, table.get().description())));
            }
        }
        return drifts;
    }

    /**
     * Applies the contract to the tables: creates the missing ones (under {@code lakeRoot}), updates the drifted ones.
     * Returns what it did, one line per table changed; drifts it cannot apply are left and reported by the next check.
     *
     * @param lakeRoot {@code s3://bucket} of the lake; may be null when no table is missing
     */
    public List<String> sync(List<String> tables, String lakeRoot) {
        List<String> done = new ArrayList<>();
        for (String name : tables) {
            Optional<Table> table = table(name);
            if (table.isEmpty()) {
                if (lakeRoot == null) {
                    throw new IllegalArgumentException(name + " is missing: the lake root to create it under is needed");
                }
                glue.createTable(b -> b.databaseName(database).tableInput(GlueTableInputs.of(name, lakeRoot)));
                done.add(name + ": created");
                continue;
            }
            List<Drift> drifts = check(List.of(name));
            if (drifts.stream().noneMatch(Drift::syncable)) {
                continue;
            }
            Table old = table.get();
            Map<String, String> parameters = new LinkedHashMap<>(old.parameters());
            parameters.putAll(LakeTables.recordedParameters(name));
            drifts.stream().filter(CatalogDrift.RoleDiffers.class::isInstance).map(CatalogDrift.RoleDiffers.class::cast)
                    .forEach(d -> parameters.put(d.parameter(), d.recorded()));
            TableInput input = TableInput.builder().name(old.name())
                    .description(LakeTables.description(name).orElse(old.description())).owner(old.owner())
                    .retention(old.retention()).tableType(old.tableType()).parameters(parameters)
                    .partitionKeys(old.partitionKeys())
                    .storageDescriptor(old.storageDescriptor().toBuilder()
                            .columns(GlueTableInputs.columns(LakeTables.spec(name).columns())).build())
                    .build();
            glue.updateTable(b -> b.databaseName(database).tableInput(input));
            done.add(name + ": updated (" + updated(drifts) + ")");
        }
        return done;
    }

    /** What an update applied: column changes, the raw schema or the roles recorded, the description. */
    private static String updated(List<Drift> drifts) {
        long columns = drifts.stream().filter(Drift::syncable)
                .filter(d -> !(d instanceof CatalogDrift.RawSchemaNotRecorded || d instanceof CatalogDrift.DescriptionDiffers
                        || d instanceof CatalogDrift.RolesNotRecorded))
                .count();
        List<String> done = new ArrayList<>();
        if (columns > 0) {
            done.add(columns + " column changes");
        }
        if (drifts.stream().anyMatch(d -> d instanceof CatalogDrift.RawSchemaNotRecorded)) {
            done.add("the raw schema recorded");
        }
        if (drifts.stream().anyMatch(d -> d instanceof CatalogDrift.RolesNotRecorded)) {
            done.add("the event id and event time fields recorded");
        }
        if (drifts.stream().anyMatch(d -> d instanceof CatalogDrift.DescriptionDiffers)) {
            done.add("the description set");
        }
        return String.join("; ", done);
    }

    /**
     * The lake root ({@code s3://bucket}) the database's lake tables already live under, read from the first table
     * whose location is its usual prefix there: where {@link #sync} should create the missing ones.
     */
    public Optional<String> lakeRoot() {
        for (String name : LakeTables.all()) {
            Optional<String> location = table(name).map(t -> t.storageDescriptor().location())
                    .filter(l -> l != null && l.endsWith("/" + LakeTables.prefix(name)));
            if (location.isPresent()) {
                String found = location.get();
                return Optional.of(found.substring(0, found.length() - LakeTables.prefix(name).length() - 1));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code next} can replace the contract whose lake columns the deployed table {@code name} (raw_events or
     * curated_events) holds ({@link ContractEvolution#deployed}), whose partition keys it has
     * ({@link ContractEvolution#deployedPartitions}) and whose raw schema and event id and event time roles it records,
     * if it does ({@link ContractEvolution#deployedRaw}, {@link ContractEvolution#deployedRoles}); empty when the table
     * is not there (nothing deployed).
     */
    public Optional<ContractEvolution.Verdict> evolution(String name, EventContract next) {
        return table(name).map(t -> {
            ContractEvolution.Verdict lake = ContractEvolution.deployed(
                    GlueTableInputs.fromGlue(t.storageDescriptor().columns()), next)
                    .and(ContractEvolution.deployedPartitions(
                            GlueTableInputs.fromGlue(t.partitionKeys()).stream().map(c -> c.name()).toList(),
                            (name.equals(LakeTables.RAW) ? next.enriched() : LakeTables.curatedSchema(next))
                                    .partitionFields().stream().map(f -> f.name()).toList()));
            ContractEvolution.Verdict recorded = RawSchemaParameters.read(t.parameters())
                    .map(raw -> ContractEvolution.deployedRaw(raw, next).and(lake)).orElse(lake);
            return recorded.and(ContractEvolution.deployedRoles(t.parameters(), next));
        });
    }

    private Optional<Table> table(String name) {
        try {
            return Optional.of(glue.getTable(b -> b.databaseName(database).name(name)).table());
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

}
