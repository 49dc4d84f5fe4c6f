package io.firelake.athena.catalog;

import io.firelake.config.layout.LakePrefix;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.catalog.AthenaDdl;
import io.firelake.events.catalog.Column;
import io.firelake.events.contract.BatchView;
import io.firelake.events.contract.RawSchemaParameters;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lake's tables and their Athena DDL, which a user can paste into the Athena console ({@code firelake report --ddl}).
 *
 * <p>The DDL text carries the placeholder {@value #LAKE_PLACEHOLDER} for the lake's root ({@code s3://bucket} on AWS,
 * a directory locally). Raw, curated and the batch views' DDL are rendered from the process's event contract
 * ({@link #rawDefinition}, {@link #curatedDefinition}, {@link #viewDefinition}: a view's {@code -- columns:} header)
 * each time, so no written copy of its columns can drift; the delivery errors, which the contract does not describe,
 * ship as a {@code .sql} resource.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html">Athena partition projection</a>
 */
public final class LakeTables {

    public static final String DATABASE = "firelake";
    public static final String LAKE_PLACEHOLDER = ":lake";
    public static final String RAW = "raw_events";
    public static final String CURATED = "curated_events";
    public static final String DELIVERY_ERRORS = "delivery_errors";
    /** The tables whose columns are the contract's lake columns (the others are the views' and the errors'). */
    public static final List<String> CONTRACT_TABLES = List.of(RAW, CURATED);
    /** Glue's limit on a table's description (TableInput {@code Description}). */
    public static final int MAX_DESCRIPTION = 2048;

    /** Every table of the process's contract, in dependency order: raw, curated, its batch views, delivery errors. */
    public static List<String> all() {
        return all(Contracts.selected());
    }

    public static List<String> all(EventContract contract) {
        List<String> tables = new ArrayList<>(List.of(RAW, CURATED));
        contract.views().forEach(v -> tables.add(v.name()));
        tables.add(DELIVERY_ERRORS);
        return List.copyOf(tables);
    }

    private LakeTables() {
    }

    /** Where each table lives under the lake root (the S3 prefixes of the lake layout). */
    public static String prefix(String table) {
        return switch (table) {
            case RAW -> LakePrefix.RAW.key() + "/";
            case CURATED -> LakePrefix.CURATED.key() + "/";
            case DELIVERY_ERRORS -> LakePrefix.ERRORS.key() + "/";
            default -> LakePrefix.VIEWS.key() + "/" + table + "/";
        };
    }

    public static TableDefinition rawDefinition(EventContract contract, String lake) {
        return TableDefinition.of(contract.enriched(), DATABASE, RAW, lake + "/" + prefix(RAW));
    }

    public static TableDefinition curatedDefinition(EventContract contract, String lake) {
        return TableDefinition.of(curatedSchema(contract), DATABASE, CURATED, lake + "/" + prefix(CURATED));
    }

    /** A batch view's table: its declared columns, partitioned and projected by day like the curated table. */
    public static TableDefinition viewDefinition(EventContract contract, BatchView view, String lake) {
        FieldSpec day = contract.enriched().field(view.day()).orElseThrow();
        String location = lake + "/" + prefix(view.name());
        Map<String, String> projection = new LinkedHashMap<>();
        projection.put("projection.enabled", "true");
        day.projection().forEach((property, value) ->
                projection.put("projection." + day.name() + "." + property, value));
        projection.put("storage.location.template", location + day.name() + "=${" + day.name() + "}/");
        return new TableDefinition(DATABASE, view.name(), view.columns(), List.of(new Column(day.name(), "string", "")),
                projection, location);
    }

    /**
     * The enriched schema with its first partition key only (the day, for clickstream's event_date/event_hour):
     * curated data drops the finer ones, for fewer, larger files.
     */
    public static EventSchema curatedSchema(EventContract contract) {
        EventSchema enriched = contract.enriched();
        List<FieldSpec> partitions = enriched.partitionFields();
        return new EventSchema(enriched.fullName(), enriched.fields().stream()
                .filter(f -> !f.partition() || f == partitions.get(0))
                .toList());
    }

    /**
     * The Glue description of {@code table} of the process's contract, for every writer of the table (the deployed
     * template's {@code ViewTables}, {@code catalog sync}, the local endpoint): a batch view's is
     * {@link #viewDescription}; the other tables' are the template's own, not the contract's (empty).
     */
    public static Optional<String> description(String table) {
        return Contracts.selected().batchViews().stream().filter(v -> v.name().equals(table)).findFirst()
                .map(LakeTables::viewDescription);
    }

    /** A view's question (its first comment line), marked as the views job's, within Glue's limit. */
    public static String viewDescription(BatchView view) {
        String question = view.question() == null ? "" : view.question().strip().replaceFirst("\\.$", "");
        String text = (question.isEmpty() ? view.name() : question) + " (batch views job)";
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
    }

    /**
     * The Glue parameters that record the process's contract on {@code table} beyond its columns: on the raw table,
     * its name and raw schema ({@link RawSchemaParameters}), so that a later deploy can judge a raw-only change.
     */
    public static Map<String, String> recordedParameters(String table) {
        return table.equals(RAW) ? RawSchemaParameters.of(Contracts.selected()) : Map.of();
    }

    /** The DDL of {@code table}, with the {@value #LAKE_PLACEHOLDER} placeholder. */
    public static String ddl(String table) {
        EventContract contract = Contracts.selected();
        if (!all(contract).contains(table)) {
            throw new IllegalArgumentException("unknown table '" + table + "'; tables: " + all(contract));
        }
        return switch (table) {
            case RAW -> AthenaDdl.createTable(rawDefinition(contract, LAKE_PLACEHOLDER));
            case CURATED -> AthenaDdl.createTable(curatedDefinition(contract, LAKE_PLACEHOLDER));
            case DELIVERY_ERRORS -> shippedDdl(table);
            default -> AthenaDdl.createTable(viewDefinition(contract, contract.batchViews().stream()
                    .filter(v -> v.name().equals(table)).findFirst().orElseThrow(), LAKE_PLACEHOLDER));
        };
    }

    private static String shippedDdl(String table) {
        String resource = "/io/firelake/athena/ddl/" + table + ".sql";
        try (InputStream in = LakeTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("DDL resource " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DDL of {@code table} for the lake rooted at {@code lakeRoot} ({@code s3://bucket} or a directory URI). */
    public static String ddl(String table, String lakeRoot) {
        String root = lakeRoot.endsWith("/") ? lakeRoot.substring(0, lakeRoot.length() - 1) : lakeRoot;
        return ddl(table).replace(LAKE_PLACEHOLDER, root);
    }

    public static TableSpec spec(String table) {
        return HiveDdl.parse(ddl(table));
    }
}
