package io.firelake.speed.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** speed-layer.yaml is validated on load; every error names the file, the line and the setting. */
class SpeedLayerSpecsTest {

    private static final String VALID = """
            event:
              id: reading_id
              time: reading_time
            fields:
              reading_id:   {type: string, required: true}
              reading_time: {type: timestamp, required: true}
              device_type:  {type: string}
              temperature:  {path: measurements.temperature_c, type: double}
            aggregates:
              readings:  {kind: count, by: device_type}
              hottest:   {kind: max, field: temperature}
            """;

    @Test
    void theShippedContractsLoad() {
        SpeedLayerSpec clickstream = SpeedLayerContracts.load("clickstream");
        SpeedLayerSpec iot = SpeedLayerContracts.load("iot-telemetry");

        assertThat(clickstream.aggregates()).extracting(AggregateSpec::name)
                .containsExactly("events", "pages", "purchases", "items_sold", "revenue", "sessions");
        assertThat(clickstream.typeField()).isEqualTo("event_type");
        assertThat(iot.aggregates()).extracting(AggregateSpec::name)
                .containsExactly("readings", "temperature_min", "temperature_max", "devices", "low_battery_devices");
        assertThat(iot.timeField()).isEqualTo("read_at");
        assertThat(iot.field("battery_status").values()).containsExactly("ok", "low", "critical", "charging", "mains");
    }

    @Test
    void aValidSpecReadsItsSettings() {
        SpeedLayerSpec spec = parse(VALID);

        assertThat(spec.idField()).isEqualTo("reading_id");
        assertThat(spec.typeField()).isNull();
        assertThat(spec.aggregate("hottest").kind()).isEqualTo(AggregateSpec.Kind.MAX);
        assertThat(spec.aggregate("readings").maxKeys()).isEqualTo(50);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: max, field: temp}|aggregates.hottest.field: no field 'temp'|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: median, field: temperature}|aggregates.hottest.kind: 'median' is not one of [count, sum, min, max, distinct, top_k]|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: max, field: device_type}|aggregates.hottest.field: a max needs a numeric field|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: distinct, field: temperature}|aggregates.hottest.field: a distinct needs a string field|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: count, colour: red}|aggregates.hottest.colour: unknown setting|11",
            "hottest:   {kind: max, field: temperature}|pk:   {kind: count}|aggregates.pk: 'pk' is an attribute of the table itself|11",
            "hottest:   {kind: max, field: temperature}|Hot Test:   {kind: count}|aggregates.Hot Test: names are lower case letters|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: top_k, field: device_type, k: 0}|aggregates.hottest.k: expected a whole number from 1 to 1000, not '0'|11",
            "hottest:   {kind: max, field: temperature}|hottest:   {kind: count, where: {device_type: [a], temperature: [1]}}|aggregates.hottest.where: name one field|11",
            "temperature:  {path: measurements.temperature_c, type: double}|temperature:  {path: measurements.temperature_c, type: float}|fields.temperature.type: 'float' is not one of [string, int, long, decimal, double, boolean, timestamp]|8",
            "temperature:  {path: measurements.temperature_c, type: double}|temperature:  {path: reading_id, type: double}|fields.temperature.path: 'reading_id' is also field 'reading_id'|8",
            "temperature:  {path: measurements.temperature_c, type: double}|temperature:  {type: double, values: [a]}|fields.temperature.values: only a string field takes values, not a double|8",
            "temperature:  {path: measurements.temperature_c, type: double}|temperature:  {type: decimal}|fields.temperature.precision: a decimal needs its precision|8",
            "temperature:  {path: measurements.temperature_c, type: double}|temperature:  {type: string, pattern: '[a-'}|fields.temperature.pattern: not a regular expression|8",
            "time: reading_time|time: device_type|event.time: field 'device_type' must be a timestamp, not a string|3",
            "time: reading_time|tme: reading_time|event.tme: unknown setting|3",
    })
    void mistakesAreNamedWithFileLineAndSetting(String original, String mistake, String message, int line) {
        assertThat(VALID).contains(original);
        String yaml = VALID.replace(original, mistake);
        if (original.startsWith("temperature:")) {
            yaml = yaml.replace("{kind: max, field: temperature}", "{kind: count}");
        }
        String text = yaml;

        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("contracts/test/speed-layer.yaml:" + line + ": " + message.split(": ")[0])
                .hasMessageContaining(message.substring(message.indexOf(": ") + 2))
                .satisfies(e -> assertThat(((SpecException) e).line()).isEqualTo(line));
    }

    @Test
    void aMissingSectionAndYamlThatIsNotYamlAreNamedToo() {
        assertThatThrownBy(() -> parse(VALID.substring(0, VALID.indexOf("aggregates:"))))
                .hasMessage("contracts/test/speed-layer.yaml:1: aggregates: missing");
        assertThatThrownBy(() -> parse("event: [unclosed\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse(VALID + "  readings: {kind: count}\n"))
                .hasMessageStartingWith("contracts/test/speed-layer.yaml:12: readings: appears twice");
    }

    @Test
    void aContractFolderIsReadByPathAndAMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path contract = Files.createDirectories(dir.resolve("orders"));
        assertThatThrownBy(() -> SpeedLayerContracts.load(contract.toString()))
                .hasMessageContaining("speed-layer.yaml").hasMessageContaining("missing");

        Files.writeString(contract.resolve(SpeedLayerContracts.FILE_NAME), VALID);

        assertThat(SpeedLayerContracts.load(contract.toString()).aggregates()).hasSize(2);
        assertThatThrownBy(() -> SpeedLayerContracts.load("no-such-contract"))
                .hasMessageContaining("no contract 'no-such-contract' is packaged");
    }

    private static SpeedLayerSpec parse(String yaml) {
        return SpeedLayerSpecs.parse("contracts/test/speed-layer.yaml", new StringReader(yaml));
    }
}
