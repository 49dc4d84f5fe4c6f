package io.firelake.athena.template;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;

import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every report as an Athena named query ({@code AWS::Athena::NamedQuery}) of the SAM template's work group: rendered
 * from the {@code .sql} files at build time, so the files stay the one source. The date range is the query's
 * {@code ?} execution parameters ({@link Report#parameterizedSql()}), which the console asks for when the saved query
 * is run and {@code firelake report --source aws} passes with StartQueryExecution.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-athena-namedquery.html">AWS::Athena::NamedQuery</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html">Athena parameterized queries</a>
 */
public final class NamedQueries {

    /** One named query: what CloudFormation (or the local endpoint) creates. */
    public record NamedQuery(String logicalId, String name, String description, String queryString) {
    }

    /** CloudFormation's limit on a named query's description. */
    public static final int MAX_DESCRIPTION = 1024;

    private NamedQueries() {
    }

    public static List<NamedQuery> all() {
        return all(Contracts.selected());
    }

    public static List<NamedQuery> all(EventContract contract) {
        return ReportCatalog.all(contract).stream().map(NamedQueries::of).toList();
    }

    static NamedQuery of(Report report) {
        String description = report.question() + " Execution parameters: "
                + String.join(", ", report.parameterNames()) + " as 'yyyy-MM-dd' (UTC days).";
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalStateException(report.name() + ": description over " + MAX_DESCRIPTION + " characters");
        }
        return new NamedQuery(logicalId(report.name()), report.name(), description, report.parameterizedSql());
    }

    /** {@code top_pages} as {@code TopPagesQuery}. */
    static String logicalId(String name) {
        StringBuilder id = new StringBuilder();
        for (String part : name.split("_")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.append("Query").toString();
    }

    /** The resources as YAML under {@code Resources:} (two-space indent), each in the work group and database. */
    public static String yaml(List<NamedQuery> queries) {
        StringBuilder out = new StringBuilder();
        out.append("  # Generated at build time from athena-queries/src/main/resources/reports/*.sql by ")
                .append(NamedQueries.class.getName()).append(": edit the .sql files, not this.\n");
        for (NamedQuery q : queries) {
            out.append("  ").append(q.logicalId()).append(":\n")
                    .append("    Type: AWS::Athena::NamedQuery\n")
                    .append("    Properties:\n")
                    .append("      Name: ").append(q.name()).append('\n')
                    .append("      Description: '").append(q.description().replace("'", "''")).append("'\n")
                    .append("      Database: !Ref GlueDatabase\n")
                    .append("      WorkGroup: !Ref AthenaWorkGroup\n")
                    .append("      QueryString: |\n")
                    .append(q.queryString().lines().map(line -> line.isEmpty() ? "" : "        " + line)
                            .collect(Collectors.joining("\n", "", "\n")));
        }
        return out.toString();
    }
}
