package io.firelake.athena;

import io.firelake.events.contract.PinnedContract;
import io.firelake.endpoint.glue.LocalGlue;
import io.firelake.athena.catalog.LakeTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake catalog check} and {@code sync} through the command, against the Glue API of the local endpoint with
 * the real SDK: the tables drift as they do when the contract gains a column the catalog lacks, and come back.
 */
@PinnedContract("clickstream")
class CatalogCommandTest {

    @TempDir
    Path dir;
    private LocalGlue local;
    private GlueClient glue;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() {
        local = LocalGlue.start(dir).withDatabase("firelake");
        glue = local.client();
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void checkNamesEachDriftSyncAppliesTheContractAndCheckIsCleanAgain() {
        Run created = catalog("sync", "--lake", "s3://shop-lake");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("raw_events: table missing from the catalog", "raw_events: created",
                "delivery_errors: created", "firelake at " + local.uri() + ": 7 of 7 tables changed (missing ones "
                        + "created under s3://shop-lake)");
        assertThat(catalog("check").exit()).isZero();

        // The contract's last raw column is "new" to a catalog that never had it; one type and one extra column drift.
        List<Column> expected = LakeTables.spec(LakeTables.RAW).columns().stream()
                .map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
        Column added = expected.get(expected.size() - 1);
        alter(LakeTables.RAW, columns -> {
            List<Column> drifted = new ArrayList<>(columns);
            drifted.remove(drifted.size() - 1);
            drifted.set(0, drifted.get(0).toBuilder().type("bigint").build());
            drifted.add(Column.builder().name("legacy_flag").type("boolean").build());
            return drifted;
        });

        Run drift = catalog("check");
        assertThat(drift.exit()).isEqualTo(1);
        assertThat(drift.out()).contains("raw_events: missing column " + added.name() + " " + added.type(),
                "raw_events: column schema_version is bigint, the contract says int",
                "raw_events: extra column legacy_flag boolean (not in the contract)",
                "3 drifts in 1 of 7 tables of firelake at " + local.uri() + ": 'firelake catalog sync' applies");

        Run synced = catalog("sync");
        assertThat(synced.exit()).as(synced.err()).isZero();
        assertThat(synced.out()).contains("raw_events: updated (3 column changes)", "1 of 7 tables changed")
                .doesNotContain("created");
        Table raw = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.RAW)).table();
        assertThat(raw.storageDescriptor().columns()).containsExactlyElementsOf(expected);
        assertThat(raw.description()).isEqualTo("kept by sync");
        assertThat(raw.storageDescriptor().location()).isEqualTo("s3://shop-lake/raw/");
        assertThat(raw.parameters()).containsEntry("projection.enabled", "true");

        Run clean = catalog("check");
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).isEqualTo("7 tables of firelake at " + local.uri() + " match the contract\n");
    }

    @Test
    void aRetypedOrRemovedContractColumnIsReportedAsABreakingDriftAndAnAddedOneIsNot() {
        catalog("sync", "--lake", "s3://shop-lake");
        String last = LakeTables.spec(LakeTables.CURATED).columns().get(LakeTables.spec(LakeTables.CURATED).columns()
                .size() - 1).name();
        alter(LakeTables.CURATED, columns -> columns.subList(0, columns.size() - 1)); // the contract added a column
        Run added = catalog("check");
        assertThat(added.exit()).isEqualTo(1);
        assertThat(added.out()).contains("curated_events: missing column " + last).doesNotContain("breaking");

        alter(LakeTables.RAW, columns -> {
            List<Column> old = new ArrayList<>(columns);
            old.set(0, old.get(0).toBuilder().type("bigint").build());
            old.add(Column.builder().name("legacy_flag").type("boolean").build());
            return old;
        });
        Run breaking = catalog("check");
        assertThat(breaking.exit()).isEqualTo(1);
        assertThat(breaking.out()).contains("raw_events: breaking drift, the contract cannot replace the one this table "
                + "holds (firelake deploy refuses it): lake column schema_version changes type bigint -> int (files "
                + "already written hold bigint); lake column legacy_flag is removed (files already written hold it)")
                .doesNotContain("curated_events: breaking");
    }

    @Test
    void aMissingTableIsADriftAndSyncCreatesItWhereTheOtherTablesAre() {
        catalog("sync", "--lake", "s3://shop-lake");
        glue.deleteTable(b -> b.databaseName("firelake").name("sessions"));

        Run check = catalog("check", "--table", "sessions,raw_events");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("sessions: table missing from the catalog", "1 drift in 1 of 2 tables");

        Run sync = catalog("sync");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("sessions: created", "created under s3://shop-lake");
        assertThat(glue.getTable(b -> b.databaseName("firelake").name("sessions")).table()
                .storageDescriptor().location()).isEqualTo("s3://shop-lake/views/sessions/");
    }

    @Test
    void onALoopbackEndpointAnEmptyDatabaseGetsTheLocalPipelinesBucket() {
        Run sync = catalog("sync", "--table", "curated_events");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(glue.getTable(b -> b.databaseName("firelake").name(LakeTables.CURATED)).table()
                .storageDescriptor().location()).isEqualTo("s3://firelake-lake/curated/");
    }

    @Test
    void partitionKeysThatDifferAreReportedAndLeftBySync() {
        catalog("sync", "--table", "curated_events");
        Table curated = glue.getTable(b -> b.databaseName("firelake").name(LakeTables.CURATED)).table();
        glue.updateTable(b -> b.databaseName("firelake").tableInput(input(curated, curated.storageDescriptor()
                .columns()).partitionKeys(Column.builder().name("day").type("string").build()).build()));

        Run sync = catalog("sync", "--table", "curated_events");
        assertThat(sync.exit()).isEqualTo(1);
        assertThat(sync.err()).contains("left as it is: curated_events: partition keys are [day], the contract says "
                + "[event_date] (a table's partition keys cannot be changed in place: recreate the table)");
    }

    @Test
    void anUnknownDatabaseTableOrEndpointIsOneClearLine() throws Exception {
        Run database = catalog("check", "--database", "shop");
        assertThat(database.exit()).isEqualTo(2);
        assertThat(database.err()).startsWith("firelake catalog check: no database 'shop' in the Glue catalog at "
                + local.uri() + ": deploy the SAM stack");

        Run table = catalog("sync", "--table", "orders");
        assertThat(table.exit()).isEqualTo(2);
        assertThat(table.err()).contains("unknown table 'orders'; the lake's tables: raw_events, curated_events");

        Run lake = catalog("sync", "--lake", "/tmp/lake");
        assertThat(lake.exit()).isEqualTo(2);
        assertThat(lake.out()).isEmpty();
        assertThat(lake.err()).contains("--lake '/tmp/lake' is not an s3://BUCKET URI");

        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        Run down = run("check", "--endpoint-url", "http://127.0.0.1:" + unused);
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).startsWith("firelake catalog check: Glue at http://127.0.0.1:" + unused + ": ")
                .doesNotContain("\tat ");

        Run none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give a subcommand, check or sync", "Examples:");
    }

    private void alter(String name, UnaryOperator<List<Column>> columns) {
        Table table = glue.getTable(b -> b.databaseName("firelake").name(name)).table();
        glue.updateTable(b -> b.databaseName("firelake").tableInput(input(table,
                columns.apply(table.storageDescriptor().columns())).description("kept by sync").build()));
    }

    private static TableInput.Builder input(Table table, List<Column> columns) {
        return TableInput.builder().name(table.name()).tableType(table.tableType()).parameters(table.parameters())
                .partitionKeys(table.partitionKeys()).description(table.description())
                .storageDescriptor(table.storageDescriptor().toBuilder().columns(columns).build());
    }

    private Run catalog(String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand, "--endpoint-url", local.uri().toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new CatalogCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
