package io.firelake.transform.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractLoader;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.RecordTransformer;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.RecordValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The transform built from a contract it has never seen (parcel scans), with the plain enrichments any domain needs. */
class ContractEnrichmentsTest {

    @TempDir
    Path dir;

    @Test
    void renameDefaultLookupAndDatePartsFillTheEnrichedFields() throws IOException {
        Files.writeString(dir.resolve("scan-raw.avsc"), """
                {"type": "record", "name": "Scan", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "scanned_at", "type": "long"},
                  {"name": "depot", "type": "string"},
                  {"name": "weight_g", "type": ["null", "int"], "default": null},
                  {"name": "courier", "type": "string"}]}""");
        Files.writeString(dir.resolve("scan-enriched.avsc"), """
                {"type": "record", "name": "ScanRow", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "scan_ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "depot_code", "type": "string"},
                  {"name": "region", "type": ["null", "string"], "default": null},
                  {"name": "weight_g", "type": "long"},
                  {"name": "carrier", "type": "string"},
                  {"name": "weekday", "type": "string"},
                  {"name": "scan_date", "type": "string", "firelake.partition": true},
                  {"name": "scan_month", "type": "string", "firelake.partition": true,
                   "firelake.projection": {"type": "date", "format": "yyyy-MM", "range": "2020-01,NOW",
                                           "interval": "1", "interval.unit": "MONTHS"}}]}""");
        Files.writeString(dir.resolve("depots.csv"), "depot,region\nLHR1,south\nMAN2,north\n");
        Files.writeString(dir.resolve("contract.yaml"), """
                name: parcel-scans
                schemas: {raw: scan-raw.avsc, enriched: scan-enriched.avsc}
                roles: {event_id: scan_id, event_time: scanned_at, partition_key: depot}
                enrichments:
                  scan_ts: {kind: event_time}
                  depot_code: {kind: rename, from: depot}
                  region: {kind: lookup, from: depot, table: depots.csv, default: elsewhere}
                  weight_g: {kind: default, value: 0}
                  carrier: {kind: rename, from: courier}
                  weekday: {kind: date_part, part: day_of_week}
                  scan_date: {kind: date_part, part: date}
                  scan_month: {kind: date_part, part: month}
                """);
        EventContract contract = ContractLoader.load(dir);
        RecordTransformer transformer = new RecordTransformer(RecordValidator.of(contract, TestPipeline.CLOCK),
                new Enricher(contract, TestPipeline.userAgents()), new EnrichedEventWriter(contract.enriched()));

        long wednesday = 1_795_000_000_000L; // 2026-11-18T11:06:40Z
        TransformResult known = transformer.transform(record("{\"scan_id\":\"a\",\"scanned_at\":" + wednesday
                + ",\"depot\":\"MAN2\",\"courier\":\"dpd\"}"), wednesday);
        TransformResult unknown = transformer.transform(record("{\"scan_id\":\"b\",\"scanned_at\":" + wednesday
                + ",\"depot\":\"XYZ9\",\"courier\":\"ups\",\"weight_g\":1200}"), wednesday);

        JsonNode row = json(known);
        assertThat(row.path("depot_code").asText()).isEqualTo("MAN2");
        assertThat(row.path("region").asText()).isEqualTo("north");
        assertThat(row.path("weight_g").asLong()).isZero();
        assertThat(row.path("carrier").asText()).isEqualTo("dpd");
        assertThat(row.path("weekday").asText()).isEqualTo("wednesday");
        assertThat(row.path("scan_ts").asText()).isEqualTo("2026-11-18T11:06:40.000Z");
        assertThat(((TransformResult.Ok) known).partitionKeys()).isEqualTo(Map.of("scan_date", "2026-11-18", "scan_month", "2026-11"));
        assertThat(json(unknown).path("region").asText()).isEqualTo("elsewhere");
        assertThat(json(unknown).path("weight_g").asLong()).isEqualTo(1200);
    }

    @Test
    void aRecordIsCopiedWholeAndItsSubFieldsFeedRenameDefaultAndLookupByDottedPath() throws IOException {
        String place = "{\"type\": \"record\", \"name\": \"Place\", \"fields\": [{\"name\": \"depot\", \"type\": \"string\"},"
                + " {\"name\": \"bay\", \"type\": [\"null\", \"int\"], \"default\": null}]}";
        Files.writeString(dir.resolve("scan-raw.avsc"), """
                {"type": "record", "name": "Scan", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "scanned_at", "type": "long"},
                  {"name": "place", "type": ["null", PLACE], "default": null}]}""".replace("PLACE", place));
        Files.writeString(dir.resolve("scan-enriched.avsc"), """
                {"type": "record", "name": "ScanRow", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "scan_ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "place", "type": ["null", PLACE], "default": null},
                  {"name": "depot_code", "type": ["null", "string"], "default": null},
                  {"name": "bay", "type": "int"},
                  {"name": "region", "type": ["null", "string"], "default": null},
                  {"name": "scan_date", "type": "string", "firelake.partition": true}]}""".replace("PLACE", place));
        Files.writeString(dir.resolve("depots.csv"), "depot,region\nLHR1,south\nMAN2,north\n");
        Files.writeString(dir.resolve("contract.yaml"), """
                name: parcel-scans
                schemas: {raw: scan-raw.avsc, enriched: scan-enriched.avsc}
                roles: {event_id: scan_id, event_time: scanned_at}
                enrichments:
                  scan_ts: {kind: event_time}
                  depot_code: {kind: rename, from: place.depot}
                  bay: {kind: default, from: place.bay, value: -1}
                  region: {kind: lookup, from: place.depot, table: depots.csv, default: elsewhere}
                  scan_date: {kind: date_part, part: date}
                """);
        EventContract contract = ContractLoader.load(dir);
        RecordTransformer transformer = new RecordTransformer(RecordValidator.of(contract, TestPipeline.CLOCK),
                new Enricher(contract, TestPipeline.userAgents()), new EnrichedEventWriter(contract.enriched()));
        long at = 1_795_000_000_000L;

        JsonNode row = json(transformer.transform(record("{\"scan_id\":\"a\",\"scanned_at\":" + at
                + ",\"place\":{\"bay\":7,\"depot\":\"MAN2\",\"aisle\":\"x\"}}"), at));
        assertThat(row.path("place").toString()).isEqualTo("{\"depot\":\"MAN2\",\"bay\":7}");
        assertThat(row.path("depot_code").asText()).isEqualTo("MAN2");
        assertThat(row.path("bay").asInt()).isEqualTo(7);
        assertThat(row.path("region").asText()).isEqualTo("north");

        JsonNode without = json(transformer.transform(record("{\"scan_id\":\"b\",\"scanned_at\":" + at + "}"), at));
        assertThat(without.has("place")).isFalse();
        assertThat(without.has("depot_code")).isFalse();
        assertThat(without.path("bay").asInt()).isEqualTo(-1);
        assertThat(without.has("region")).isFalse();
    }

    private static InputRecord record(String json) {
        return InputRecord.of("r", json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(TransformResult result) throws IOException {
        assertThat(result).isInstanceOf(TransformResult.Ok.class);
        return new ObjectMapper().readTree(((TransformResult.Ok) result).data());
    }
}
