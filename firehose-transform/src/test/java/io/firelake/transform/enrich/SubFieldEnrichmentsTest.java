package io.firelake.transform.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractException;
import io.firelake.events.contract.ContractLoader;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.RecordTransformer;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;
import io.firelake.transform.validate.RecordValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A contract the code has never seen (help-desk tickets) whose {@code client} record carries the page URL, the user
 * agent, the referrer and the IP: url, user_agent, referrer_class and ip_anonymize read them by dotted path.
 */
class SubFieldEnrichmentsTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final long AT = 1_795_000_000_000L; // 2026-11-18T11:06:40Z

    @TempDir
    Path dir;

    @BeforeEach
    void writeTheContract() throws IOException {
        Files.writeString(dir.resolve("ticket-raw.avsc"), """
                {"type": "record", "name": "Ticket", "fields": [
                  {"name": "ticket_id", "type": "string"},
                  {"name": "opened_at", "type": "long"},
                  {"name": "client", "type": ["null", {"type": "record", "name": "Client", "fields": [
                    {"name": "page", "type": "string"},
                    {"name": "agent", "type": ["null", "string"], "default": null},
                    {"name": "came_from", "type": ["null", "string"], "default": null},
                    {"name": "address", "type": ["null", "string"], "default": null},
                    {"name": "visits", "type": ["null", "int"], "default": null}]}], "default": null}]}""");
        Files.writeString(dir.resolve("ticket-enriched.avsc"), """
                {"type": "record", "name": "TicketRow", "fields": [
                  {"name": "ticket_id", "type": "string"},
                  {"name": "opened_ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "page_host", "type": ["null", "string"], "default": null},
                  {"name": "page_path", "type": ["null", "string"], "default": null},
                  {"name": "campaign", "type": ["null", "string"], "default": null},
                  {"name": "came_from_class", "type": ["null", "string"], "default": null},
                  {"name": "device_class", "type": ["null", "string"], "default": null},
                  {"name": "browser", "type": ["null", "string"], "default": null},
                  {"name": "is_bot", "type": ["null", "boolean"], "default": null},
                  {"name": "client_ip", "type": ["null", "string"], "default": null},
                  {"name": "opened_day", "type": "string", "firelake.partition": true}]}""");
        Files.writeString(dir.resolve("contract.yaml"), """
                name: help-desk
                schemas: {raw: ticket-raw.avsc, enriched: ticket-enriched.avsc}
                roles: {event_id: ticket_id, event_time: opened_at}
                enrichments:
                  opened_ts: {kind: event_time}
                  page_host: {kind: url, from: client.page, part: host}
                  page_path: {kind: url, from: client.page, part: path}
                  campaign: {kind: url, from: client.page, part: utm_campaign}
                  came_from_class: {kind: referrer_class, from: client.came_from, site: client.page}
                  device_class: {kind: user_agent, from: client.agent, part: device_class}
                  browser: {kind: user_agent, from: client.agent, part: browser}
                  is_bot: {kind: user_agent, from: client.agent, part: is_bot}
                  client_ip: {kind: ip_anonymize, from: client.address}
                  opened_day: {kind: date_part, part: date}
                """);
    }

    @Test
    void theRecordsSubFieldsAreParsedClassifiedAndAnonymised() throws IOException {
        TransformBatch batch = batch();
        List<TransformResult> results = batch.apply(List.of(
                record("a", "{\"page\":\"https://Help.Example.com/tickets/new?utm_source=mail&utm_campaign=spring\","
                        + "\"agent\":\"" + CHROME + "\",\"came_from\":\"https://www.google.com/search?q=x\","
                        + "\"address\":\"203.0.113.77\"}"),
                record("b", "{\"address\":\"2001:db8:1234:5678::1\",\"page\":\"https://help.example.com/faq\","
                        + "\"came_from\":\"https://help.example.com/\",\"agent\":\"" + GOOGLEBOT + "\"}"),
                InputRecord.of("c", ("{\"ticket_id\":\"c\",\"opened_at\":" + AT + "}")
                        .getBytes(StandardCharsets.UTF_8))));

        JsonNode first = json(results.get(0));
        assertThat(first.path("page_host").asText()).isEqualTo("help.example.com");
        assertThat(first.path("page_path").asText()).isEqualTo("/tickets/new");
        assertThat(first.path("campaign").asText()).isEqualTo("spring");
        assertThat(first.path("came_from_class").asText()).isEqualTo("search");
        assertThat(first.path("device_class").asText()).isEqualTo("desktop");
        assertThat(first.path("browser").asText()).isEqualTo("Chrome");
        assertThat(first.path("is_bot").asBoolean()).isFalse();
        assertThat(first.path("client_ip").asText()).isEqualTo("203.0.113.0");
        assertThat(first.has("client")).as("the record with the IP is not copied").isFalse();

        JsonNode second = json(results.get(1));
        assertThat(second.path("came_from_class").asText()).as("same host as client.page").isEqualTo("internal");
        assertThat(second.path("device_class").asText()).isEqualTo("bot");
        assertThat(second.path("is_bot").asBoolean()).isTrue();
        assertThat(second.path("client_ip").asText()).isEqualTo("2001:db8:1234::");
        assertThat(second.has("campaign")).isFalse();

        JsonNode without = json(results.get(2));
        assertThat(without.has("page_host")).as("no client record").isFalse();
        assertThat(without.has("client_ip")).isFalse();
        assertThat(without.path("came_from_class").asText()).isEqualTo("direct");
        assertThat(without.path("device_class").asText()).isEqualTo("other");
        assertThat(((TransformResult.Ok) results.get(2)).partitionKeys()).containsEntry("opened_day", "2026-11-18");
    }

    @Test
    void badSubFieldValuesGoToTheErrorPrefixWithTheirReasonAndNoneIsLost() throws IOException {
        List<InputRecord> inputs = new ArrayList<>(List.of(
                record("ok", "{\"page\":\"https://help.example.com/\",\"address\":\"198.51.100.9\"}"),
                record("page-number", "{\"page\":42}"),
                record("no-page", "{\"agent\":\"" + CHROME + "\"}"),
                record("address-object", "{\"page\":\"https://help.example.com/\",\"address\":{\"v4\":\"1.2.3.4\"}}"),
                record("agent-surrogate", "{\"page\":\"https://help.example.com/\",\"agent\":\"x\\uD800y\"}"),
                record("referrer-bool", "{\"page\":\"https://help.example.com/\",\"came_from\":true}"),
                record("client-text", "\"https://help.example.com/\"")));
        List<TransformResult> results = batch().apply(inputs);

        assertThat(results).hasSameSizeAs(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(results.get(i).recordId()).isEqualTo(inputs.get(i).recordId());
            if (results.get(i) instanceof TransformResult.ProcessingFailed failed) {
                assertThat(failed.data()).as("the original record, for the error prefix").isEqualTo(inputs.get(i).data());
            }
        }
        assertThat(json(results.get(0)).path("client_ip").asText()).isEqualTo("198.51.100.0");
        assertThat(failure(results.get(1))).isEqualTo(new Failure(ReasonCode.WRONG_TYPE, "client.page",
                "client.page is not a string"));
        assertThat(failure(results.get(2))).isEqualTo(new Failure(ReasonCode.MISSING_FIELD, "client.page",
                "client.page is missing"));
        assertThat(failure(results.get(3))).isEqualTo(new Failure(ReasonCode.WRONG_TYPE, "client.address",
                "client.address is an object or array; expected a string"));
        assertThat(failure(results.get(4)).code()).isEqualTo(ReasonCode.INVALID_UTF8);
        assertThat(failure(results.get(4)).field()).isEqualTo("client.agent");
        assertThat(failure(results.get(5))).isEqualTo(new Failure(ReasonCode.WRONG_TYPE, "client.came_from",
                "client.came_from is not a string"));
        assertThat(failure(results.get(6)).code()).isEqualTo(ReasonCode.WRONG_TYPE);
        assertThat(failure(results.get(6)).field()).isEqualTo("client");
    }

    @Test
    void aMissingOrWronglyTypedSubFieldIsRefusedOnLoadWithFileLineAndPath() throws IOException {
        int line = edit("{kind: url, from: client.page, part: path}", "{kind: url, from: client.pgae, part: path}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessage(dir.resolve("contract.yaml") + ":" + line + ": enrichments.page_path.from: 'client.pgae' "
                        + "is not a sub-field of a record field of Ticket (a dotted name reads inside a record field)");
        edit("client.pgae", "client.page");

        for (String kind : List.of("{kind: user_agent, from: client.agent, part: browser}",
                "{kind: referrer_class, from: client.came_from, site: client.page}",
                "{kind: ip_anonymize, from: client.address}")) {
            String wrong = kind.replaceFirst("from: client\\.\\w+", "from: client.visits");
            line = edit(kind, wrong);
            String name = kind.substring(7, kind.indexOf(','));
            assertThatThrownBy(() -> ContractLoader.load(dir)).as(kind).isInstanceOf(ContractException.class)
                    .hasMessageContaining("contract.yaml:" + line + ": enrichments.")
                    .hasMessageEndingWith(".from: raw field 'client.visits' is INT; " + name
                            + " reads text, a string field");
            edit(wrong, kind);
        }
        line = edit("site: client.page}", "site: client.visits}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageEndingWith("contract.yaml:" + line + ": enrichments.came_from_class.site: raw field "
                        + "'client.visits' is INT; referrer_class reads text, a string field");
    }

    @Test
    void onlyIpAnonymizeReadsInsideAPersonalRecord() throws IOException {
        Files.writeString(dir.resolve("ticket-raw.avsc"), Files.readString(dir.resolve("ticket-raw.avsc"))
                .replace("}]}], \"default\": null}", "}]}], \"default\": null, \"firelake.pii\": true}"));
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("enrichments.page_host.from: 'client.page' is personal (firelake.pii on "
                        + "client): only ip_anonymize may read it");
        for (String kept : List.of("page_host", "page_path", "campaign", "came_from_class", "device_class", "browser",
                "is_bot")) {
            String yaml = Files.readString(dir.resolve("contract.yaml"));
            Files.writeString(dir.resolve("contract.yaml"), yaml.replaceAll("(?m)^  " + kept + ": .*\n", ""));
        }
        Files.writeString(dir.resolve("ticket-enriched.avsc"), Files.readString(dir.resolve("ticket-enriched.avsc"))
                .replaceAll("\\{\"name\": \"(page_host|page_path|campaign|came_from_class|device_class|browser|is_bot)"
                        + "\"[^}]*\\},\n *", ""));
        assertThat(ContractLoader.load(dir).enrichments().get("client_ip").from()).as("ip_anonymize reads inside a "
                + "personal record").isEqualTo("client.address");
    }

    @Test
    void everyUrlEnrichmentReadsTheSameSubField() throws IOException {
        int line = edit("{kind: url, from: client.page, part: utm_campaign}", "{kind: url, from: client.agent, part: "
                + "utm_campaign}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageEndingWith("contract.yaml:" + line + ": enrichments.campaign.from: every url enrichment "
                        + "must read the same field; another reads 'client.page'");
    }

    private TransformBatch batch() {
        EventContract contract = ContractLoader.load(dir);
        return new TransformBatch(new RecordTransformer(RecordValidator.of(contract, TestPipeline.CLOCK),
                new Enricher(contract, TestPipeline.userAgents()), new EnrichedEventWriter(contract.enriched())),
                () -> AT);
    }

    private static InputRecord record(String id, String client) {
        return InputRecord.of(id, ("{\"ticket_id\":\"" + id + "\",\"opened_at\":" + AT + ",\"client\":" + client + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(TransformResult result) throws IOException {
        assertThat(result).isInstanceOf(TransformResult.Ok.class);
        return new ObjectMapper().readTree(result.data());
    }

    private static Failure failure(TransformResult result) {
        assertThat(result).isInstanceOf(TransformResult.ProcessingFailed.class);
        return ((TransformResult.ProcessingFailed) result).failure();
    }

    /** Replaces {@code from} by {@code to} in contract.yaml; returns the 1-based line where it was. */
    private int edit(String from, String to) throws IOException {
        Path path = dir.resolve("contract.yaml");
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertThat(at).as(from).isNotNegative();
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
