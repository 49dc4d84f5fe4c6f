package io.firelake.athena.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.firelake.athena.glue.GlueTableInputs;
import io.firelake.events.EventContract;
import io.firelake.events.contract.BatchView;
import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployed template declares exactly the view tables of the contract the build runs with. */
class ViewTablesTest {

    private static final Path SOURCE = Path.of("..", "sam", "template.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void clickstreamsViewTablesAreTheOnesTheSourceTemplateDeclaredByHand() throws Exception {
        JsonNode generated = YAML.readTree("Resources:\n" + ViewTables.apply(ViewTables.MARKER + "\n",
                Contracts.packaged("clickstream")));
        JsonNode before;
        try (InputStream in = getClass().getResourceAsStream("clickstream-view-tables-before.yaml")) {
            before = YAML.readTree("Resources:\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> ids = new ArrayList<>();
        generated.path("Resources").fieldNames().forEachRemaining(ids::add);
        assertThat(ids).containsExactly("TrafficHourlyViewTable", "SessionsViewTable", "FunnelDailyViewTable",
                "RevenueDailyViewTable");
        // Descriptions are now each view's question; everything else is as it was.
        assertThat(withoutDescriptions(generated)).isEqualTo(withoutDescriptions(before));
    }

    @Test
    void anIotBuildDeclaresDeviceDailyAndNoClickstreamView() throws Exception {
        EventContract iot = Contracts.packaged("iot-telemetry");
        String deployed = DeployTemplate.render(Files.readString(SOURCE), iot);
        JsonNode resources = YAML.readTree(deployed).path("Resources");

        List<String> views = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getKey().endsWith("ViewTable")) {
                views.add(e.getKey());
            }
        });
        assertThat(views).containsExactly("DeviceDailyViewTable");
        assertThat(deployed).doesNotContain("traffic_hourly", "funnel_daily", "revenue_daily", "views/sessions/");
        JsonNode input = resources.path("DeviceDailyViewTable").path("Properties").path("TableInput");
        assertThat(input.path("Name").asText()).isEqualTo("device_daily");
        List<String> columns = new ArrayList<>();
        input.path("StorageDescriptor").path("Columns").forEach(c -> columns.add(c.path("Name").asText() + " "
                + c.path("Type").asText()));
        assertThat(columns).isEqualTo(iot.batchViews().get(0).columns().stream()
                .map(c -> c.name() + " " + c.type()).toList());
        assertThat(columns).contains("readings bigint", "min_temperature_c double").doesNotContain("event_date string");
        assertThat(input.path("PartitionKeys").toString()).isEqualTo("[{\"Name\":\"event_date\",\"Type\":\"string\"}]");
        assertThat(input.path("StorageDescriptor").path("Location").asText())
                .isEqualTo("s3://${LakeBucket}/views/device_daily/");
        assertThat(input.path("Parameters").path("storage.location.template").asText())
                .isEqualTo("s3://${LakeBucket}/views/device_daily/event_date=${!event_date}/");
        assertThat(input.path("Parameters").path("projection.event_date.type").asText()).isEqualTo("date");
    }

    /** One rendering: the template's view tables are the Glue tables local up and catalog sync create, descriptions too. */
    @Test
    void theTemplatesViewTablesAreTheTableInputsTheCatalogSyncCreates() throws Exception {
        EventContract contract = Contracts.selected();
        JsonNode resources = YAML.readTree("Resources:\n" + ViewTables.apply(ViewTables.MARKER + "\n", contract))
                .path("Resources");
        assertThat(contract.batchViews()).isNotEmpty();
        for (BatchView view : contract.batchViews()) {
            JsonNode declared = resources.path(ViewTables.logicalId(view.name())).path("Properties").path("TableInput");
            TableInput created = GlueTableInputs.of(view.name(), "s3://LAKE");
            ObjectNode expected = YAML.createObjectNode();
            expected.put("Name", created.name()).put("Description", created.description())
                    .put("TableType", created.tableType());
            ObjectNode parameters = expected.putObject("Parameters");
            created.parameters().forEach(parameters::put);
            glueColumns(expected.putArray("PartitionKeys"), created.partitionKeys());
            ObjectNode storage = expected.putObject("StorageDescriptor");
            storage.put("Location", created.storageDescriptor().location())
                    .put("InputFormat", created.storageDescriptor().inputFormat())
                    .put("OutputFormat", created.storageDescriptor().outputFormat());
            storage.putObject("SerdeInfo").put("SerializationLibrary",
                    created.storageDescriptor().serdeInfo().serializationLibrary());
            glueColumns(storage.putArray("Columns"), created.storageDescriptor().columns());

            String text = YAML.writeValueAsString(declared).replace("s3://${LakeBucket}", "s3://LAKE").replace("${!", "${");
            assertThat(YAML.readTree(text)).as(view.name()).isEqualTo(YAML.readTree(YAML.writeValueAsString(expected)));
        }
    }

    private static void glueColumns(com.fasterxml.jackson.databind.node.ArrayNode into,
                                    List<software.amazon.awssdk.services.glue.model.Column> columns) {
        columns.forEach(c -> into.addObject().put("Name", c.name()).put("Type", c.type()));
    }

    @Test
    void theMarkerMustBeThereOnce() {
        EventContract contract = Contracts.packaged("clickstream");
        assertThatThrownBy(() -> ViewTables.apply("Resources: {}\n", contract)).hasMessageContaining("exactly once");
        assertThatThrownBy(() -> ViewTables.apply(ViewTables.MARKER + "\n" + ViewTables.MARKER + "\n", contract))
                .hasMessageContaining("exactly once");
    }

    @Test
    void logicalIdsAreTheViewNamesInCamelCase() {
        assertThat(ViewTables.logicalId("traffic_hourly")).isEqualTo("TrafficHourlyViewTable");
        assertThat(ViewTables.logicalId("sessions")).isEqualTo("SessionsViewTable");
    }

    private static JsonNode withoutDescriptions(JsonNode resources) {
        JsonNode copy = resources.deepCopy();
        copy.path("Resources").forEach(r -> ((ObjectNode) r.path("Properties").path("TableInput")).remove("Description"));
        return copy;
    }
}
