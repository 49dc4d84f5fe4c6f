package io.firelake.athena.template;

import io.firelake.events.contract.PinnedContract;
import io.firelake.athena.report.ReportCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PinnedContract("clickstream")
class DeployTemplateTest {

    private static final String SOURCE = "Resources:\n  Fn:\n    Properties:\n"
            + "      CodeUri: ../speed-layer/target/firelake-speed-layer.jar\n" + DeployTemplate.MARKER + "\n"
            + "  Other: {}\n";

    @Test
    void insertsEveryReportAtTheMarkerAndRebasesCodeUris() {
        String deployed = DeployTemplate.render(SOURCE);
        assertThat(deployed).doesNotContain(DeployTemplate.MARKER)
                .contains("      CodeUri: ../../speed-layer/target/firelake-speed-layer.jar")
                .contains("  HourlyTrafficQuery:\n    Type: AWS::Athena::NamedQuery\n")
                .contains("        WHERE event_date BETWEEN ? AND ?\n")
                .endsWith("  Other: {}\n");
        assertThat(deployed.split("Type: AWS::Athena::NamedQuery", -1)).hasSize(ReportCatalog.NAMES.size() + 1);
    }

    @Test
    void theMarkerMustBeThereOnce() {
        assertThatThrownBy(() -> DeployTemplate.render("Resources: {}\n")).hasMessageContaining("exactly once");
        assertThatThrownBy(() -> DeployTemplate.render(SOURCE + SOURCE)).hasMessageContaining("exactly once");
    }

    @Test
    void descriptionsNameTheExecutionParametersAndFitCloudFormation() {
        for (NamedQueries.NamedQuery q : NamedQueries.all()) {
            assertThat(q.description()).as(q.name()).contains("Execution parameters: from, to")
                    .hasSizeLessThanOrEqualTo(NamedQueries.MAX_DESCRIPTION);
            assertThat(q.logicalId()).matches("[A-Z][A-Za-z]+Query");
        }
    }
}
