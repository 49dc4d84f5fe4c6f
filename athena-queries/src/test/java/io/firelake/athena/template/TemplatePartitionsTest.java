package io.firelake.athena.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.firelake.events.contract.ContractLoader;
import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployed template's partitioning is the contract's: RawPrefix, the tables' partition keys and projection. */
class TemplatePartitionsTest {

    private static final Path SOURCE = Path.of("..", "sam", "template.yaml");

    @Test
    void aContractWithItsOwnPartitionKeysGetsThemInThePrefixAndTheTables(@TempDir Path dir) throws Exception {
        Path iot = Path.of("..", "contracts", "iot-telemetry");
        try (var files = Files.list(iot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file).replace("event_date", "reading_day").replace("event_hour", "reading_hour");
                Files.writeString(dir.resolve(file.getFileName()), text);
            }
        }
        for (String folder : List.of("views", "reports")) {
            Files.createDirectories(dir.resolve(folder));
            try (var files = Files.list(iot.resolve(folder))) {
                for (Path file : files.toList()) {
                    Files.writeString(dir.resolve(folder).resolve(file.getFileName()), Files.readString(file)
                            .replace("event_date", "reading_day").replace("event_hour", "reading_hour"));
                }
            }
        }
        String rendered = TemplatePartitions.apply(Files.readString(SOURCE), ContractLoader.load(dir));
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(rendered.replace("!Sub ", ""));

        assertThat(template.path("Parameters").path("RawPrefix").path("Default").asText()).isEqualTo(
                "raw/reading_day=!{partitionKeyFromLambda:reading_day}/reading_hour=!{partitionKeyFromLambda:reading_hour}/");
        JsonNode raw = template.path("Resources").path(ContractColumns.RAW).path("Properties").path("TableInput");
        assertThat(keys(raw)).containsExactly("reading_day", "reading_hour");
        assertThat(raw.path("Parameters").path("storage.location.template").asText())
                .isEqualTo("s3://${LakeBucket}/raw/reading_day=${!reading_day}/reading_hour=${!reading_hour}/");
        assertThat(raw.path("Parameters").path("projection.reading_day.type").asText()).isEqualTo("date");
        assertThat(raw.path("Parameters").path("projection.reading_hour.digits").asText()).isEqualTo("2");
        assertThat(raw.path("Parameters").path("classification").asText()).as("other parameters kept").isEqualTo("parquet");
        JsonNode curated = template.path("Resources").path(ContractColumns.CURATED).path("Properties").path("TableInput");
        assertThat(keys(curated)).containsExactly("reading_day");
        assertThat(curated.path("Parameters").path("storage.location.template").asText())
                .isEqualTo("s3://${LakeBucket}/curated/reading_day=${!reading_day}/");
        int tables = rendered.indexOf("\n  " + ContractColumns.RAW + ":\n");
        int curatedStart = rendered.indexOf("\n  " + ContractColumns.CURATED + ":\n");
        assertThat(rendered.substring(tables, ContractColumns.nextResource(rendered, curatedStart + 4)))
                .as("raw and curated tables").doesNotContain("event_date", "event_hour");
    }

    @Test
    void clickstreamsPartitioningIsTheSourceTemplates() throws Exception {
        String source = Files.readString(SOURCE);
        assertThat(TemplatePartitions.apply(source, Contracts.packaged("clickstream"))).isEqualTo(source);
    }

    private static List<String> keys(JsonNode table) {
        List<String> keys = new ArrayList<>();
        table.path("PartitionKeys").forEach(k -> keys.add(k.path("Name").asText()));
        return keys;
    }
}
