package io.firelake.sam;

import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.events.contract.Contracts;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Statement;
import io.trino.sql.util.AstUtils;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed template's named queries are the report files of the contract it was built for (the build's, as this
 * test reads it), all of them and nothing else: each one's text is its
 * {@code .sql} file with the date range as Athena's {@code ?} execution parameters, one per {@code :from}/{@code :to},
 * in the reports' work group and database.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html">Athena parameterized queries</a>
 */
class NamedQueriesMatchReportsTest {

    private final SamTemplate template = SamTemplate.deployed();

    @Test
    void theNamedQueriesAreTheReportFiles() {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (String id : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            Map<String, Object> properties = template.properties(id);
            assertThat(properties.get("WorkGroup")).as(id).isEqualTo(Map.of("Ref", "AthenaWorkGroup"));
            assertThat(properties.get("Database")).as(id).isEqualTo(Map.of("Ref", "GlueDatabase"));
            byName.put(String.valueOf(properties.get("Name")), properties.get("QueryString"));
        }
        // The template is built for the build's contract (FIRELAKE_CONTRACT, default clickstream and its 10 reports).
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(ReportCatalog.names())
                .hasSize(Contracts.selected().reports().size()).isNotEmpty();
        for (Report report : ReportCatalog.all()) {
            String fileWithParameters = report.sql().replace(":from", "?").replace(":to", "?");
            assertThat(String.valueOf(byName.get(report.name())).strip()).as(report.name())
                    .isEqualTo(fileWithParameters);
        }
    }

    @Test
    void everyPlaceholderIsOneExecutionParameter() {
        SqlParser parser = new SqlParser();
        DateRange range = new DateRange(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
        for (Report report : ReportCatalog.all()) {
            Statement statement = parser.createStatement(report.parameterizedSql());
            long parameters = AstUtils.preOrder(statement).filter(Parameter.class::isInstance).count();
            assertThat(report.executionParameters(range)).as(report.name()).hasSize((int) parameters)
                    .allMatch(p -> p.equals("'2026-11-20'") || p.equals("'2026-11-21'"));
        }
    }
}
