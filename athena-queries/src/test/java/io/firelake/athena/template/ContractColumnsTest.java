package io.firelake.athena.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.RawSchemaParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployed template's lake tables have the columns of the contract the build runs with, and allow only it. */
class ContractColumnsTest {

    private static final Path SOURCE = Path.of("..", "sam", "template.yaml");

    @ParameterizedTest
    @ValueSource(strings = {"clickstream", "iot-telemetry"})
    void rawAndCuratedColumnsAreTheContracts(String name) throws Exception {
        EventContract contract = Contracts.packaged(name);
        JsonNode template = new ObjectMapper(new YAMLFactory())
                .readTree(ContractColumns.apply(Files.readString(SOURCE), contract));

        List<String> expected = ContractColumns.of(contract).stream().map(c -> c.name() + " " + c.type()).toList();
        assertThat(expected).contains(contract.lake().eventId() + " string");
        for (String table : List.of(ContractColumns.RAW, ContractColumns.CURATED)) {
            assertThat(columns(template, table)).as(table).isEqualTo(expected);
        }
        JsonNode recorded = template.path("Resources").path(ContractColumns.RAW).path("Properties")
                .path("TableInput").path("Parameters");
        RawSchemaParameters.of(contract).forEach((key, value) ->
                assertThat(recorded.path(key).asText()).as(key).isEqualTo(value));
        JsonNode parameter = template.path("Parameters").path(ContractColumns.PARAMETER);
        assertThat(parameter.path("Default").asText()).isEqualTo(name);
        assertThat(parameter.path("AllowedValues").toString()).isEqualTo("[\"" + name + "\"]");
    }

    @Test
    void theSourceTemplatesColumnsAreClickstreamsSoTheDefaultBuildChangesNothingElse() throws Exception {
        String source = Files.readString(SOURCE);
        String rendered = ContractColumns.apply(source, Contracts.packaged("clickstream"));

        assertThat(rendered.replaceAll("(?m)^    AllowedValues: .*\\n", ""))
                .isEqualTo(source.replaceAll("(?m)^    AllowedValues: .*\\n", ""));
    }

    @Test
    void aTemplateWithoutTheTablesIsRefused() {
        assertThatThrownBy(() -> ContractColumns.apply("Resources:\n  RawTable:\n    Type: AWS::Glue::Table\n",
                Contracts.packaged("clickstream"))).hasMessageContaining("RawTable must have a StorageDescriptor with Columns");
    }

    private static List<String> columns(JsonNode template, String table) {
        List<String> columns = new ArrayList<>();
        template.path("Resources").path(table).path("Properties").path("TableInput").path("StorageDescriptor")
                .path("Columns").forEach(c -> columns.add(c.path("Name").asText() + " " + c.path("Type").asText()));
        return columns;
    }
}
