package io.firelake.athena.glue;

import io.firelake.endpoint.glue.LocalGlue;
import io.firelake.athena.catalog.CatalogDrift;
import io.firelake.athena.catalog.CatalogDrift.Drift;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.events.EventContract;
import io.firelake.events.contract.BatchView;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.RawSchemaParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** catalog check and sync through the real Glue SDK client, against the Glue API of the local endpoint. */
class GlueCatalogSyncTest {

    @TempDir
    Path dir;
    private LocalGlue local;
    private GlueClient glue;
    private GlueCatalogSync sync;

    @BeforeEach
    void start() {
        local = LocalGlue.start(dir).withDatabase(LakeTables.DATABASE);
        glue = local.client();
        sync = new GlueCatalogSync(glue, LakeTables.DATABASE);
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void syncCreatesEveryTableAndThenNothingDrifts() {
        assertThat(sync.check(LakeTables.all())).hasSize(LakeTables.all().size())
                .allMatch(d -> d instanceof CatalogDrift.MissingTable);
        assertThat(sync.sync(LakeTables.all(), "s3://firelake-lake")).hasSize(LakeTables.all().size());
        assertThat(sync.check(LakeTables.all())).isEmpty();
        Table raw = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        assertThat(raw.storageDescriptor().location()).isEqualTo("s3://firelake-lake/raw/");
        assertThat(raw.parameters()).containsEntry("projection.enabled", "true")
                .containsEntry("storage.location.template",
                        "s3://firelake-lake/raw/event_date=${event_date}/event_hour=${event_hour}/")
                .containsAllEntriesOf(RawSchemaParameters.of(Contracts.selected()));
    }

    @Test
    void aTableThatDoesNotRecordTheRawSchemaDriftsAndSyncRecordsIt() {
        sync.sync(List.of(LakeTables.RAW), "s3://firelake-lake");
        Table raw = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>(raw.parameters());
        before.remove(RawSchemaParameters.RAW_SCHEMA);
        glue.updateTable(b -> b.databaseName("firelake").tableInput(TableInput.builder().name(raw.name())
                .tableType(raw.tableType()).parameters(before).partitionKeys(raw.partitionKeys())
                .storageDescriptor(raw.storageDescriptor()).build()));

        assertThat(sync.check(List.of(LakeTables.RAW))).extracting(Drift::describe)
                .containsExactly("raw_events: its parameters do not record the contract's raw schema");
        assertThat(sync.sync(List.of(LakeTables.RAW), null))
                .containsExactly("raw_events: updated (the raw schema recorded)");
        assertThat(sync.check(List.of(LakeTables.RAW))).isEmpty();
    }

    @Test
    void checkNamesEachDriftAndSyncAppliesTheContractKeepingTheRest() {
        sync.sync(List.of(LakeTables.RAW), "s3://firelake-lake");
        Table raw = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        List<Column> drifted = new ArrayList<>(raw.storageDescriptor().columns());
        String removed = drifted.remove(drifted.size() - 1).name();
        drifted.set(0, drifted.get(0).toBuilder().type("bigint").build());
        drifted.add(Column.builder().name("legacy_flag").type("boolean").build());
        glue.updateTable(b -> b.databaseName("firelake").tableInput(TableInput.builder().name(raw.name())
                .tableType(raw.tableType()).parameters(raw.parameters()).partitionKeys(raw.partitionKeys())
                .description("kept by sync")
                .storageDescriptor(raw.storageDescriptor().toBuilder().columns(drifted).build()).build()));

        List<Drift> drifts = sync.check(List.of(LakeTables.RAW));
        assertThat(drifts).extracting(Drift::describe).containsExactlyInAnyOrder(
                "raw_events: missing column " + removed + " " + LakeTables.spec(LakeTables.RAW).columns()
                        .get(LakeTables.spec(LakeTables.RAW).columns().size() - 1).type(),
                "raw_events: column schema_version is bigint, the contract says int",
                "raw_events: extra column legacy_flag boolean (not in the contract)");

        assertThat(sync.sync(List.of(LakeTables.RAW), "s3://elsewhere")).containsExactly(
                "raw_events: updated (3 column changes)");
        assertThat(sync.check(List.of(LakeTables.RAW))).isEmpty();
        Table synced = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        assertThat(synced.description()).isEqualTo("kept by sync");
        assertThat(synced.storageDescriptor().location()).isEqualTo("s3://firelake-lake/raw/");
        assertThat(glue.getTableVersions(b -> b.databaseName("firelake").tableName(LakeTables.RAW)).tableVersions())
                .hasSize(3);
    }

    /** A view's table carries the description the deployed template gives it (ViewTables), from the same owner. */
    @Test
    void viewTablesHaveTheContractsDescriptionAndSyncRestoresAnEditedOne() {
        sync.sync(LakeTables.all(), "s3://firelake-lake");
        List<BatchView> views = Contracts.selected().batchViews();
        assertThat(views).isNotEmpty();
        for (BatchView view : views) {
            assertThat(glue.getTable(b -> b.databaseName("firelake").name(view.name())).table().description())
                    .as(view.name()).isEqualTo(LakeTables.viewDescription(view))
                    .startsWith(view.question().strip().replaceFirst("\\.$", "")).endsWith(" (batch views job)");
        }
        assertThat(glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table().description())
                .as("the contract gives the other tables none").isNull();

        BatchView view = views.get(0);
        Table table = glue.getTable(b -> b.databaseName("firelake").name(view.name())).table();
        glue.updateTable(b -> b.databaseName("firelake").tableInput(TableInput.builder().name(table.name())
                .tableType(table.tableType()).parameters(table.parameters()).partitionKeys(table.partitionKeys())
                .description("edited by hand").storageDescriptor(table.storageDescriptor()).build()));

        assertThat(sync.check(LakeTables.all())).extracting(Drift::describe).containsExactly(view.name()
                + ": description is 'edited by hand', the contract says '" + LakeTables.viewDescription(view) + "'");
        assertThat(sync.sync(LakeTables.all(), null)).containsExactly(view.name() + ": updated (the description set)");
        assertThat(glue.getTable(b -> b.databaseName("firelake").name(view.name())).table().description())
                .isEqualTo(LakeTables.viewDescription(view));
        assertThat(sync.check(LakeTables.all())).isEmpty();
    }

    /** The raw table records the event id and event time fields; an old table gets them, a different one is left. */
    @Test
    void theRolesAreRecordedAndARecordedRoleThatDiffersIsLeftForTheBreakingDriftToExplain() {
        sync.sync(List.of(LakeTables.RAW), "s3://firelake-lake");
        EventContract contract = Contracts.selected();
        Table raw = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        assertThat(raw.parameters()).containsEntry(RawSchemaParameters.EVENT_ID, contract.eventIdField().name())
                .containsEntry(RawSchemaParameters.EVENT_TIME, contract.eventTimeField().name());

        java.util.Map<String, String> unrecorded = new java.util.LinkedHashMap<>(raw.parameters());
        unrecorded.remove(RawSchemaParameters.EVENT_ID);
        unrecorded.remove(RawSchemaParameters.EVENT_TIME);
        parameters(raw, unrecorded);
        assertThat(sync.check(List.of(LakeTables.RAW))).extracting(Drift::describe)
                .containsExactly("raw_events: its parameters do not record the contract's event id and event time fields");
        assertThat(sync.evolution(LakeTables.RAW, contract).orElseThrow().compatible()).isTrue();
        assertThat(sync.sync(List.of(LakeTables.RAW), null))
                .containsExactly("raw_events: updated (the event id and event time fields recorded)");
        assertThat(sync.check(List.of(LakeTables.RAW))).isEmpty();

        java.util.Map<String, String> other = new java.util.LinkedHashMap<>(raw.parameters());
        other.put(RawSchemaParameters.EVENT_ID, "legacy_id");
        parameters(raw, other);
        assertThat(sync.check(List.of(LakeTables.RAW))).extracting(Drift::describe)
                .containsExactly("raw_events: its parameter firelake.event_id is legacy_id, the contract says "
                        + contract.eventIdField().name() + " (a role of the data already written: not changed in place)");
        assertThat(sync.evolution(LakeTables.RAW, contract).orElseThrow().breaking()).singleElement().asString()
                .startsWith("event id changes legacy_id -> " + contract.eventIdField().name());
        assertThat(sync.sync(List.of(LakeTables.RAW), null)).as("sync leaves it").isEmpty();
        assertThat(glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table().parameters())
                .containsEntry(RawSchemaParameters.EVENT_ID, "legacy_id");
    }

    private void parameters(Table table, java.util.Map<String, String> parameters) {
        glue.updateTable(b -> b.databaseName("firelake").tableInput(TableInput.builder().name(table.name())
                .tableType(table.tableType()).parameters(parameters).partitionKeys(table.partitionKeys())
                .storageDescriptor(table.storageDescriptor()).build()));
    }
}
