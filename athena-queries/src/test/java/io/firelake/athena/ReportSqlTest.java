package io.firelake.athena;

import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Query;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reports are Athena (Trino) SQL: each parses with Trino's own parser once its date range is filled in. */
class ReportSqlTest {

    private final SqlParser parser = new SqlParser();
    private final DateRange range = new DateRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

    @Test
    void everyReportParsesAsTrinoSql() {
        for (Report report : ReportCatalog.all()) {
            assertThat(parser.createStatement(report.sqlFor(range))).as(report.name()).isInstanceOf(Query.class);
        }
    }

    @Test
    void everyReportStartsWithTheQuestionItAnswersAndUsesTheDateRange() {
        for (Report report : ReportCatalog.all()) {
            assertThat(report.question()).as(report.name()).endsWith("?");
            assertThat(report.sql()).as(report.name()).contains(":from").contains(":to");
            assertThat(report.sqlFor(range)).as(report.name()).doesNotContain(":from", ":to")
                    .contains("'2026-11-01'", "'2026-11-30'");
            assertThat(report.tables()).as(report.name()).isNotEmpty();
        }
    }

    @Test
    void theCatalogListsEveryShippedSqlFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../contracts/clickstream/reports"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".sql", "")))
                    .containsExactlyInAnyOrderElementsOf(ReportCatalog.NAMES);
        }
    }

    @Test
    void placeholdersOnlyMatchWholeWords() {
        assertThat(DateRange.day(LocalDate.parse("2026-01-02")).substitute("a = :from AND b = :to AND c = :fromage"))
                .isEqualTo("a = '2026-01-02' AND b = '2026-01-02' AND c = :fromage");
        assertThatThrownBy(() -> new DateRange(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")))
                .hasMessageContaining("before");
    }
}
