package io.firelake.local.endpoint;

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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Athena's utility statements beyond SHOW TABLES, SHOW PARTITIONS and DESCRIBE, through the real SDK client: SHOW
 * DATABASES/SCHEMAS, SHOW VIEWS, SHOW COLUMNS, SHOW CREATE TABLE, SHOW TBLPROPERTIES, DESCRIBE EXTENDED and
 * FORMATTED, with the result columns Athena names, {@code StatementType} {@code UTILITY} and Hive's errors.
 */
class AthenaUtilityStatementsTest {

    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

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
        glue.createDatabase(b -> b.databaseInput(d -> d.name("other_db")));
        glue.createTable(b -> b.databaseName("firelake").tableInput(t -> t.name("orders").tableType("EXTERNAL_TABLE")
                .owner("hadoop").parameters(Map.of("EXTERNAL", "TRUE", "classification", "parquet"))
                .storageDescriptor(s -> s.location("s3://firelake-lake/orders/").inputFormat(INPUT)
                        .outputFormat(OUTPUT).serdeInfo(i -> i.serializationLibrary(PARQUET_SERDE)
                                .parameters(Map.of("serialization.format", "1")))
                        .columns(Column.builder().name("order_id").type("string").comment("it's the id").build(),
                                Column.builder().name("a_very_long_column_name").type("bigint").build()))
                .partitionKeys(Column.builder().name("dt").type("string").build())));
        glue.createTable(b -> b.databaseName("firelake").tableInput(t -> t.name("orders_view")
                .tableType("VIRTUAL_VIEW").viewOriginalText("/* Presto View: e30= */")
                .storageDescriptor(s -> s.columns(Column.builder().name("n").type("int").build(),
                        Column.builder().name("s").type("string").build()))));
    }

    @AfterAll
    static void stop() {
        glue.close();
        fixture.close();
    }

    @Test
    void showDatabasesAndSchemasListTheCatalogsDatabasesAsUtilityStatements() throws Exception {
        QueryExecution done = run("SHOW DATABASES");
        assertThat(done.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(done.substatementType()).isEqualTo("SHOW_DATABASES");
        assertThat(done.resultConfiguration().outputLocation()).endsWith(".txt");
        GetQueryResultsResponse results = results(done);
        assertThat(names(results)).containsExactly("database_name");
        assertThat(results.resultSet().resultSetMetadata().columnInfo().get(0).type()).isEqualTo("string");
        assertThat(column(results)).containsExactly("firelake", "other_db");
        assertThat(column(results(run("show schemas")))).containsExactly("firelake", "other_db");
        assertThat(column(results(run("SHOW DATABASES LIKE '.*_db'")))).containsExactly("other_db");
        assertThat(column(results(run("SHOW SCHEMAS LIKE 'fire*'")))).isEmpty();

        QueryExecution select = run("SELECT 1");
        assertThat(select.statementType()).isEqualTo(StatementType.DML);
        assertThat(select.substatementType()).isEqualTo("SELECT");
        QueryExecution drop = run("DROP TABLE IF EXISTS nope");
        assertThat(drop.statementType()).isEqualTo(StatementType.DDL);
        assertThat(drop.resultConfiguration().outputLocation()).endsWith(".txt");
        assertThat(drop.status().stateChangeReason()).startsWith("NOT_SUPPORTED: ");
        assertThat(run("CREATE TABLE copy AS SELECT 1 AS n").statementType()).isEqualTo(StatementType.DML);
    }

    @Test
    void showViewsListsOnlyTheViewsAndAViewIsDescribedInTrinosTypes() throws Exception {
        GetQueryResultsResponse views = results(run("SHOW VIEWS"));
        assertThat(views.resultSet().resultSetMetadata().columnInfo()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("views");
            assertThat(c.type()).isEqualTo("varchar");
        });
        assertThat(column(views)).containsExactly("orders_view");
        assertThat(column(results(run("SHOW VIEWS IN firelake LIKE 'orders*'")))).containsExactly("orders_view");
        assertThat(column(results(run("SHOW VIEWS IN other_db")))).isEmpty();

        GetQueryResultsResponse described = results(run("DESCRIBE orders_view"));
        assertThat(names(described)).containsExactly("column", "type");
        assertThat(column(described)).containsExactly("n\tinteger", "s\tvarchar");
    }

    @Test
    void showColumnsListsEveryColumnPaddedAsHiveDoesInEachSpelling() throws Exception {
        List<String> expected = List.of("order_id            ", "a_very_long_column_name", "dt                  ");
        for (String sql : List.of("SHOW COLUMNS FROM orders", "SHOW COLUMNS IN orders", "SHOW COLUMNS FROM firelake.orders",
                "show columns in `firelake`.`orders`", "SHOW COLUMNS FROM orders FROM firelake",
                "SHOW COLUMNS IN orders IN firelake")) {
            GetQueryResultsResponse results = results(run(sql));
            assertThat(names(results)).as(sql).containsExactly("field");
            assertThat(column(results)).as(sql).isEqualTo(expected);
        }
        QueryExecution missing = run("SHOW COLUMNS IN nope");
        assertThat(missing.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(missing.status().stateChangeReason())
                .isEqualTo("FAILED: SemanticException [Error 10001]: Table not found firelake.nope");
        assertThat(missing.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(run("SHOW COLUMNS IN orders IN nowhere").status().stateChangeReason())
                .contains("Database does not exist: nowhere");
    }

    @Test
    void showCreateTableWritesHivesDdl() throws Exception {
        GetQueryResultsResponse results = results(run("SHOW CREATE TABLE firelake.orders"));
        assertThat(names(results)).containsExactly("createtab_stmt");
        assertThat(column(results)).containsExactly(
                "CREATE EXTERNAL TABLE `orders`(",
                "  `order_id` string COMMENT 'it\\'s the id', ",
                "  `a_very_long_column_name` bigint)",
                "PARTITIONED BY ( ",
                "  `dt` string)",
                "ROW FORMAT SERDE ",
                "  '" + PARQUET_SERDE + "' ",
                "WITH SERDEPROPERTIES ( ",
                "  'serialization.format'='1') ",
                "STORED AS INPUTFORMAT ",
                "  '" + INPUT + "' ",
                "OUTPUTFORMAT ",
                "  '" + OUTPUT + "'",
                "LOCATION",
                "  's3://firelake-lake/orders/'",
                "TBLPROPERTIES (",
                "  'classification'='parquet')");
        assertThat(run("SHOW CREATE TABLE nope").status().stateChangeReason())
                .contains("Table not found firelake.nope");
    }

    @Test
    void showTblPropertiesListsNamesAndValues() throws Exception {
        GetQueryResultsResponse results = results(run("SHOW TBLPROPERTIES orders"));
        assertThat(names(results)).containsExactly("prpt_name", "prpt_value");
        assertThat(column(results)).containsExactly("EXTERNAL\tTRUE", "classification\tparquet");
        assertThat(column(results(run("SHOW TBLPROPERTIES firelake.orders('classification')"))))
                .containsExactly("classification\tparquet");
        assertThat(column(results(run("SHOW TBLPROPERTIES orders ('nope')"))))
                .containsExactly("Table firelake.orders does not have property: nope");
    }

    @Test
    void describeFormattedAndExtendedAddTheTableAndItsStorage() throws Exception {
        GetQueryResultsResponse formatted = results(run("DESCRIBE FORMATTED orders"));
        assertThat(names(formatted)).containsExactly("col_name", "data_type", "comment");
        List<String> rows = column(formatted);
        assertThat(rows.subList(0, 4)).containsExactly(
                "# col_name          \tdata_type           \tcomment             ",
                " \t \t ",
                "order_id            \tstring              \tit's the id         ",
                "a_very_long_column_name\tbigint              \t                    ");
        assertThat(rows).contains("# Partition Information\t \t ", "# Detailed Table Information\t \t ",
                "Database:           \tfirelake            \t ", "Owner:              \thadoop              \t ",
                "Location:           \ts3://firelake-lake/orders/\t ",
                "Table Type:         \tEXTERNAL_TABLE      \t ", "\tclassification      \tparquet             ",
                "SerDe Library:      \t" + PARQUET_SERDE + "\t ", "\tserialization.format\t1                   ");
        assertThat(rows.stream().filter(r -> r.startsWith("dt "))).hasSize(1);
        assertThat(rows).anySatisfy(r -> assertThat(r).matches("CreateTime: +\t[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} "
                + "\\d{2}:\\d{2}:\\d{2} UTC \\d{4}\t "));

        List<String> extended = column(results(run("DESC EXTENDED firelake.orders")));
        assertThat(extended.get(0)).isEqualTo("order_id            \tstring              \tit's the id         ");
        assertThat(extended.get(extended.size() - 1)).startsWith("Detailed Table Information\tTable(tableName:orders, "
                + "dbName:firelake, owner:hadoop, ").contains("location:s3://firelake-lake/orders/",
                "partitionKeys:[FieldSchema(name:dt, type:string, comment:null)]", "tableType:EXTERNAL_TABLE)");
    }

    private static QueryExecution run(String sql) throws InterruptedException {
        return fixture.run(sql);
    }

    private static GetQueryResultsResponse results(QueryExecution done) {
        return fixture.results(done);
    }

    private static List<String> names(GetQueryResultsResponse results) {
        return results.resultSet().resultSetMetadata().columnInfo().stream().map(ColumnInfo::name).toList();
    }

    /** The rows' values: one a row, however many result columns Athena names. */
    private static List<String> column(GetQueryResultsResponse results) {
        assertThat(results.resultSet().rows()).allSatisfy(r -> assertThat(r.data()).hasSize(1));
        return AthenaEndpointFixture.firstValues(results);
    }
}
