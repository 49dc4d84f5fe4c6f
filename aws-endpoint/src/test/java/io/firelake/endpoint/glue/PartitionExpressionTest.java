package io.firelake.endpoint.glue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.InvalidStateException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GetPartitions} with an {@code Expression}, through the real SDK client against the local endpoint. */
class PartitionExpressionTest {

    @TempDir
    Path dir;
    private LocalGlue local;
    private GlueClient glue;

    @BeforeEach
    void start() {
        local = LocalGlue.start(dir).withDatabase("db");
        glue = local.client();
        table("events", List.of(key("event_date", "string"), key("hour", "int"), key("amount", "decimal(10,2)"),
                key("day", "date")));
        partitions("events", List.of("2026-12-05", "9", "1.50", "2026-12-05"),
                List.of("2026-12-06", "10", "20.00", "2026-12-06"),
                List.of("2026-12-07", "11", "3", "2026-12-07"));
        table("twitter_partition", List.of(key("year", "string")));
        partitions("twitter_partition", List.of("2015"), List.of("2016"), List.of("2017"));
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void comparesByTheKeysDeclaredType() {
        assertThat(dates("event_date = '2026-12-06'")).containsExactly("2026-12-06");
        assertThat(dates("hour >= 10")).as("an int key orders 10 after 9").containsExactly("2026-12-06", "2026-12-07");
        assertThat(dates("hour != 10")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("hour <> 10")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("amount < 3.5")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("amount = 3.00")).containsExactly("2026-12-07");
        assertThat(dates("day BETWEEN '2026-12-06' AND '2026-12-31'")).containsExactly("2026-12-06", "2026-12-07");
        assertThat(dates("hour IN (9, '11')")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("hour NOT IN (9, 11)")).containsExactly("2026-12-06");
        assertThat(dates("hour NOT BETWEEN 10 AND 11")).containsExactly("2026-12-05");
    }

    @Test
    void combinesTermsAsSqlDoes() {
        assertThat(dates("event_date > '2026-12-05' AND event_date < '2026-12-07'")).containsExactly("2026-12-06");
        assertThat(dates("hour < 10 OR hour = 11 AND amount > 100")).as("AND binds first")
                .containsExactly("2026-12-05");
        assertThat(dates("(hour < 10 OR hour = 11) and amount < 5")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("NOT (hour = 10)")).containsExactly("2026-12-05", "2026-12-07");
        assertThat(dates("event_date LIKE '%-07'")).containsExactly("2026-12-07");
        assertThat(dates("event_date NOT LIKE '2026-12-0_'")).isEmpty();
        assertThat(dates("event_date IS NULL")).as("partition values are never null").isEmpty();
        assertThat(dates("EVENT_DATE is not null")).hasSize(3);
    }

    @Test
    void answersTheDocumentationsSamples() {
        assertThat(years("year>'2016' AND year<'2018'")).containsExactly("2017");
        assertThat(years("year>='2015' AND year<='2018'")).containsExactly("2015", "2016", "2017");
        assertThat(years("year BETWEEN 2015 AND 2018")).containsExactly("2015", "2016", "2017");
        assertThat(years("year IN (2015,2016,2017,2018)")).containsExactly("2015", "2016", "2017");
        assertThat(years("year LIKE '%7'")).as("a wildcard, not a regular expression").containsExactly("2017");
    }

    @Test
    void pagesTheSelectedPartitions() {
        GetPartitionsResponse first = glue.getPartitions(b -> b.databaseName("db").tableName("events")
                .expression("hour >= 10").maxResults(1));
        assertThat(first.partitions()).extracting(p -> p.values().get(0)).containsExactly("2026-12-06");
        GetPartitionsResponse second = glue.getPartitions(b -> b.databaseName("db").tableName("events")
                .expression("hour >= 10").maxResults(1).nextToken(first.nextToken()));
        assertThat(second.partitions()).extracting(p -> p.values().get(0)).containsExactly("2026-12-07");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void refusesWhatGlueRefuses() {
        assertRefused("page = 'x'", InvalidInputException.class, "Invalid partition expression!");
        assertRefused("hour LIKE '1%'", InvalidInputException.class,
                "Integral data type doesn't support operation 'LIKE'");
        assertRefused("day LIKE '2026%'", InvalidInputException.class, "Date data type doesn't support operation 'LIKE'");
        assertRefused("hour = 'ten'", InvalidInputException.class, "For input string: \"ten\" is not an integer.");
        assertRefused("day = '06/12/2026'", InvalidInputException.class, "06/12/2026 is not a date.");
        assertRefused("hour == 10", InvalidInputException.class, "Unsupported expression 'hour == 10'");
        assertRefused("hour = 10 AND", InvalidInputException.class, "Unsupported expression 'hour = 10 AND'");
        assertRefused("event_date = 'unclosed", InvalidInputException.class, "Unsupported expression");
        assertRefused("x".repeat(2049), GlueException.class, "Member must have length less than or equal to 2048");

        partitions("events", List.of("2026-12-08", "late", "1", "2026-12-08"));
        assertRefused("hour > 1", InvalidStateException.class, "For input string: \"late\" is not an integer.");
        table("odd", List.of(key("flag", "boolean")));
        assertRefused("flag = 'true'", "odd", InvalidInputException.class, "Unknown type : 'boolean'");
    }

    private void assertRefused(String expression, Class<? extends GlueException> type, String message) {
        assertRefused(expression, "events", type, message);
    }

    private void assertRefused(String expression, String table, Class<? extends GlueException> type, String message) {
        assertThatThrownBy(() -> glue.getPartitions(b -> b.databaseName("db").tableName(table).expression(expression)))
                .as(expression).isInstanceOf(type).hasMessageContaining(message);
    }

    private List<String> dates(String expression) {
        return select("events", expression);
    }

    private List<String> years(String expression) {
        return select("twitter_partition", expression);
    }

    private List<String> select(String table, String expression) {
        return glue.getPartitions(b -> b.databaseName("db").tableName(table).expression(expression)).partitions()
                .stream().map(Partition::values).map(v -> v.get(0)).toList();
    }

    private void table(String name, List<Column> keys) {
        glue.createTable(b -> b.databaseName("db").tableInput(t -> t.name(name).tableType("EXTERNAL_TABLE")
                .storageDescriptor(s -> s.location("s3://firelake-lake/" + name + "/")
                        .columns(key("id", "string")))
                .partitionKeys(keys)));
    }

    @SafeVarargs
    private void partitions(String table, List<String>... values) {
        glue.batchCreatePartition(b -> b.databaseName("db").tableName(table).partitionInputList(Arrays.stream(values)
                .map(v -> PartitionInput.builder().values(v).build()).toList()));
    }

    private static Column key(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }
}
