package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Enrichment.Copy;
import io.firelake.events.contract.Enrichment.Url;
import io.firelake.events.schema.FieldSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theClickstreamFolderIsPackagedAndBindsEveryEnrichedField() {
        EventContract contract = EventContract.clickstream();
        assertThat(contract.name()).isEqualTo("clickstream");
        assertThat(Contracts.packagedNames()).contains("clickstream");
        assertThat(contract.eventIdField().name()).isEqualTo("event_id");
        assertThat(contract.eventTimeField().name()).isEqualTo("event_time");
        assertThat(contract.eventTypeField()).map(FieldSpec::name).hasValue("event_type");
        assertThat(contract.partitionKeyField()).map(FieldSpec::name).hasValue("session_id");
        assertThat(contract.enrichments().keySet())
                .containsExactlyElementsOf(contract.enriched().fields().stream().map(FieldSpec::name).toList());
        assertThat(contract.enrichments().get("url_host")).isEqualTo(new Url("page_url", Url.Part.HOST));
        assertThat(contract.enrichments().get("session_id")).isEqualTo(new Copy("session_id"));
        assertThat(contract.rawDefaults()).containsEntry("schema_version", 1L);
        assertThat(contract.simulator().generator()).isEqualTo("clickstream");
        assertThat(contract.simulator().faults()).contains("late", "duplicate");
    }

    @Test
    void aFolderOnDiskIsTheSameContractAsThePackagedOne() throws IOException {
        copyClickstream();
        EventContract fromDisk = Contracts.resolve(dir.toString());
        assertThat(fromDisk.enrichments()).isEqualTo(EventContract.clickstream().enrichments());
        assertThat(fromDisk.raw().fields()).isEqualTo(EventContract.clickstream().raw().fields());
    }

    @Test
    void anUnknownNameListsThePackagedContracts() {
        assertThatThrownBy(() -> Contracts.resolve("no-such-contract"))
                .isInstanceOf(ContractException.class).hasMessageContaining("no such contract")
                .hasMessageContaining("clickstream");
        assertThatThrownBy(() -> Contracts.resolve(dir.resolve("missing").toString()))
                .isInstanceOf(ContractException.class).hasMessageContaining("no contract.yaml");
    }

    @Test
    void aMisspeltRawFieldIsNamedWithFileLineAndField() throws IOException {
        copyClickstream();
        int line = edit("url_host: {kind: url, from: page_url", "url_host: {kind: url, from: page_uri");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageStartingWith(dir.resolve("contract.yaml") + ":" + line + ": enrichments.url_host.from: ")
                .hasMessageContaining("'page_uri' is not a field of")
                .satisfies(e -> assertThat(((ContractException) e).line()).isEqualTo(line));
    }

    @Test
    void everyMistakeNamesItsLineAndField() throws IOException {
        copyClickstream();
        assertFails("kind: url, from: page_url, part: host", "kind: uri, from: page_url, part: host",
                "enrichments.url_host.kind", "unknown enrichment kind 'uri'");
        assertFails("part: host}", "prt: host}", "enrichments.url_host.prt", "unknown key");
        assertFails("part: hour}", "part: hours}", "enrichments.event_hour.part", "unknown part 'hours'");
        assertFails("event_id: event_id ", "event_ids: event_id ", "roles.event_ids", "unknown key");
        assertFails("  os: {kind: user_agent", "  os: {kind: ip_anonymize, from: ip}\n  osx: {kind: user_agent",
                "enrichments.osx", "is not a field of");
        assertFails("is_bot: {kind: user_agent, from: user_agent, part: is_bot}",
                "is_bot: {kind: user_agent, from: user_agent, part: os}", "enrichments.is_bot.kind",
                "but enriched field 'is_bot' is BOOLEAN");
        assertFails("ip_anonymized: {kind: ip_anonymize, from: ip}", "ip_anonymized: {kind: rename, from: ip}",
                "enrichments.ip_anonymized.from", "only ip_anonymize may read it");
        assertFails("  browser: {kind: user_agent, from: user_agent, part: browser}\n", "",
                "schemas.enriched", "enriched field 'browser' has no source");
        assertFails("faults: [malformed_json", "faults: [malformed_jsn", "simulator.faults.0", "unknown fault");
        assertFails("name: clickstream", "name: Click Stream", "name", "must be lower-case");
        assertFails("event_time: event_time ", "event_time: user_id ", "roles.event_time", "must be required");
        assertFails("raw: clickstream-raw.avsc", "raw: clickstream.avsc", "schemas.raw", "no file");
        assertFails("name: clickstream", "name: clickstream\nname: twice", "", "Duplicate field 'name'");
    }

    @Test
    void aViewsColumnsHeaderIsCheckedWithItsFileAndLine() throws IOException {
        copyClickstream();
        assertThat(ContractLoader.load(dir).batchViews()).extracting(BatchView::name)
                .containsExactly("traffic_hourly", "sessions", "funnel_daily", "revenue_daily");
        assertThat(ContractLoader.load(dir).batchViews().get(3).columns()).extracting(c -> c.name() + " " + c.type())
                .containsExactly("product_id string", "currency string", "orders bigint", "units bigint",
                        "revenue decimal(18,2)");
        Path view = dir.resolve("views/revenue_daily.sql");
        String sql = Files.readString(view);
        Files.writeString(view, sql.replace("units bigint", "units bignumber"));
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageStartingWith(dir.resolve("views/revenue_daily.sql") + ":2: columns: 'units bignumber'");
        Files.writeString(view, sql.replace(", event_date string", ""));
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("revenue_daily.sql: columns: a view needs a '-- columns: name type, ...' header");
        assertThat(BatchView.validType("map<string,struct<a:int,b:decimal(9,2)>>")).isTrue();
        assertThat(BatchView.validType("map<int>")).isFalse();
    }

    @Test
    void lookupsAndDefaultsAreReadFromTheFolder() throws IOException {
        copyClickstream();
        Files.writeString(dir.resolve("currencies.csv"), "currency,region\nEUR,europe\nUSD,americas\n");
        edit("  os: {kind: user_agent, from: user_agent, part: os}",
                "  os: {kind: lookup, from: currency, table: currencies.csv, default: elsewhere}\n"
                        + "  quantity: {kind: default, value: 1}");
        EventContract contract = ContractLoader.load(dir);
        assertThat(contract.enrichments().get("os")).isEqualTo(new Enrichment.Lookup("currency", "currencies.csv",
                java.util.Map.of("EUR", "europe", "USD", "americas"), "elsewhere"));
        assertThat(contract.enrichments().get("quantity")).isEqualTo(new Enrichment.Default("quantity", 1L));

        Files.writeString(dir.resolve("currencies.csv"), "currency,region\nEUR europe\n");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessage(dir.resolve("currencies.csv") + ":2: expected 'key,value'");
    }

    private void assertFails(String from, String to, String field, String message) throws IOException {
        String original = Files.readString(dir.resolve("contract.yaml"));
        try {
            int line = edit(from, to);
            assertThatThrownBy(() -> ContractLoader.load(dir)).as(to).isInstanceOf(ContractException.class)
                    .hasMessageContaining(message)
                    .satisfies(e -> {
                        ContractException c = (ContractException) e;
                        assertThat(c.field()).as(to).isEqualTo(field);
                        assertThat(c.file()).as(to).endsWith("contract.yaml");
                        int expected = field.equals("schemas.enriched") ? lineOf(original, "  enriched:") : line;
                        assertThat(c.line()).as(to).isBetween(expected, expected + 1);
                    });
        } finally {
            Files.writeString(dir.resolve("contract.yaml"), original);
        }
    }

    private static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Replaces {@code from} by {@code to} in contract.yaml; returns the 1-based line where it was. */
    private int edit(String from, String to) throws IOException {
        Path file = dir.resolve("contract.yaml");
        String yaml = Files.readString(file);
        int at = yaml.indexOf(from);
        assertThat(at).as(from).isNotNegative();
        Files.writeString(file, yaml.substring(0, at) + to + yaml.substring(at + from.length()));
        return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private void copyClickstream() throws IOException {
        copyPackaged("clickstream", dir);
    }

    /** Copies a packaged contract folder (the build's copy under target/classes) to {@code to}. */
    static void copyPackaged(String name, Path to) throws IOException {
        Path from;
        try {
            from = Path.of(ContractLoaderTest.class.getResource(Contracts.CLASSPATH_ROOT + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
