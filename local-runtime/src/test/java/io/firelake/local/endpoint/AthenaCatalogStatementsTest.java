package io.firelake.local.endpoint;

import io.firelake.events.contract.PinnedContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Athena's SHOW TABLES, SHOW PARTITIONS and DESCRIBE through the real SDK client, answered from the endpoint's Glue
 * catalog: utility statements (StatementType UTILITY, as Athena documents SHOW and DESCRIBE), their rows without a
 * header row, their results as text in the output location.
 */
@PinnedContract("clickstream")
class AthenaCatalogStatementsTest {

    @TempDir
    static Path data;
    static AthenaEndpointFixture fixture;
    static AthenaClient athena;
    static GlueClient glue;

    @BeforeAll
    static void start() throws Exception {
        fixture = AthenaEndpointFixture.start(data);
        athena = fixture.athena;
        glue = fixture.client(GlueClient.builder());
        glue.createTable(b -> b.databaseName("firelake").tableInput(t -> t.name("clicks").tableType("EXTERNAL_TABLE")
                .storageDescriptor(s -> s.location("s3://firelake-lake/clicks/").columns(
                        Column.builder().name("page").type("string").comment("the page's path").build(),
                        Column.builder().name("n").type("bigint").build()))
                .partitionKeys(Column.builder().name("event_date").type("string").build(),
                        Column.builder().name("hour").type("int").build())));
        glue.batchCreatePartition(b -> b.databaseName("firelake").tableName("clicks").partitionInputList(
                PartitionInput.builder().values("2026-11-21", "9").build(),
                PartitionInput.builder().values("2026-11-20", "23").build()));
        glue.createTable(b -> b.databaseName("firelake").tableInput(t -> t.name("flat")
                .storageDescriptor(s -> s.location("s3://firelake-lake/flat/")
                        .columns(Column.builder().name("a").type("string").build()))));
    }

    @AfterAll
    static void stop() {
        glue.close();
        fixture.close();
    }

    @Test
    void showTablesListsTheCatalogsTablesWithoutAHeaderRow() throws Exception {
        List<String> inGlue = glue.getTables(b -> b.databaseName("firelake")).tableList().stream().map(Table::name)
                .sorted().toList();
        QueryExecution done = run("SHOW TABLES");
        assertThat(done.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(done.resultConfiguration().outputLocation()).endsWith(done.queryExecutionId() + ".txt");
        GetQueryResultsResponse results = athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId()));
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("tab_name");
            assertThat(c.type()).isEqualTo("string");
        });
        assertThat(column(results)).isEqualTo(inGlue).contains("clicks", "flat");
        assertThat(Files.readString(fixture.object(done.resultConfiguration().outputLocation()),
                StandardCharsets.UTF_8)).isEqualTo(String.join("\n", inGlue) + "\n");

        assertThat(column(results(run("SHOW TABLES IN firelake 'cl*|fl*'")))).containsExactly("clicks", "flat");
        assertThat(column(results(run("show tables from `firelake` '.*lat'")))).containsExactly("flat");
    }

    @Test
    void showPartitionsListsKeyValuePairs() throws Exception {
        GetQueryResultsResponse results = results(run("SHOW PARTITIONS firelake.clicks"));
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::name)
                .containsExactly("partition");
        assertThat(column(results)).containsExactly("event_date=2026-11-20/hour=23", "event_date=2026-11-21/hour=9");

        QueryExecution flat = run("SHOW PARTITIONS flat");
        assertThat(flat.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(flat.status().stateChangeReason()).contains("Table flat is not a partitioned table");
        QueryExecution missing = run("SHOW PARTITIONS nope");
        assertThat(missing.status().stateChangeReason()).contains("Table not found firelake.nope");
        assertThat(missing.status().athenaError().errorCategory()).isEqualTo(2);
    }

    @Test
    void describeListsColumnsThenThePartitionKeysAsHiveDoes() throws Exception {
        List<String> rows = column(results(run("DESCRIBE clicks")));
        assertThat(rows).containsExactly(
                "page                \tstring              \tthe page's path     ",
                "n                   \tbigint              \t                    ",
                "event_date          \tstring              \t                    ",
                "hour                \tint                 \t                    ",
                " \t \t ",
                "# Partition Information\t \t ",
                "# col_name          \tdata_type           \tcomment             ",
                " \t \t ",
                "event_date          \tstring              \t                    ",
                "hour                \tint                 \t                    ");
        assertThat(column(results(run("DESCRIBE firelake.flat")))).containsExactly(
                "a                   \tstring              \t                    ");
        QueryExecution unknownDatabase = run("DESCRIBE nowhere.flat");
        assertThat(unknownDatabase.status().stateChangeReason()).contains("Database does not exist: nowhere");
    }

    private static QueryExecution run(String sql) throws InterruptedException {
        return fixture.run(sql);
    }

    private static GetQueryResultsResponse results(QueryExecution done) {
        return fixture.results(done);
    }

    private static List<String> column(GetQueryResultsResponse results) {
        return AthenaEndpointFixture.firstValues(results);
    }
}
