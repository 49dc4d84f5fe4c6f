package io.firelake.local.cli;

import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract the code has never seen (parcel scans at depots, written here into a temporary folder) driving the whole
 * local pipeline: the simulator makes its events and faults, the transform validates and enriches them with the
 * contract's enrichments, the local Firehose writes its columns to Parquet, the speed layer keeps its declared
 * aggregates and they equal the lake's, accounting reconciles its event ids, and its report runs. Proof that no code path is tied to the shipped contracts.
 */
class ThrowawayContractDemoTest {

    private static final Pattern ACCOUNTING = Pattern.compile(
            "accounting: produced=(\\d+) delivered=(\\d+) dropped=(\\d+) failed=(\\d+) duplicates=(\\d+) lost=(\\d+)");

    @AfterEach
    void forgetTheContract() {
        System.clearProperty(Contracts.PROPERTY);
    }

    @Test
    void aParcelScansContractRunsEndToEnd(@TempDir Path data, @TempDir Path contract) throws Exception {
        writeParcelScans(contract);
        FirelakeCliTest.Run demo = FirelakeCliTest.run("demo", "--contract", contract.toString(), "--events", "3000",
                "--fault-rate", "0.05", "--speed-window-seconds", "1", "--aws-port", "0", "--data-dir", data.toString());
        assertThat(demo.exit()).as(demo.err()).isZero();
        Matcher line = ACCOUNTING.matcher(demo.out());
        assertThat(line.find()).as(demo.out()).isTrue();
        long produced = Long.parseLong(line.group(1));
        long delivered = Long.parseLong(line.group(2));
        long failed = Long.parseLong(line.group(4));
        assertThat(line.group(6)).as("lost").isEqualTo("0");
        assertThat(delivered + Long.parseLong(line.group(3)) + failed).isEqualTo(produced);
        assertThat(delivered).isGreaterThan(2_500);
        assertThat(failed).isPositive();
        assertThat(demo.out()).contains("  malformed_json: {failed=").contains("  missing_field: {failed=");
        assertThat(demo.out()).as("the speed layer's check").contains("  speed layer vs lake (DuckDB, de-duplicated by "
                + "scan_id per shard and tumbling window)").contains("    scans: equal (").contains("    grams: equal (")
                .contains("    depots: not compared (a distinct is an estimate)").contains("    scans_by_team: equal (")
                .doesNotContain("DIFFERENT");

        FirelakeCliTest.Run report = FirelakeCliTest.run("report", "scans_per_depot", "--contract",
                contract.toString(), "--data-dir", data.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("How many parcels did each depot scan")
                .contains("| LHR1 ").contains("| south").contains("| elsewhere");
        FirelakeCliTest.Run teams = FirelakeCliTest.run("report", "scans_per_team", "--contract",
                contract.toString(), "--data-dir", data.toString());
        assertThat(teams.exit()).as(teams.err()).isZero();
        assertThat(teams.out()).contains("| blue ").contains("| green ").contains("| red ").contains("| (none) ");
    }

    /** The walk-through of docs/contracts.md. */
    private static void writeParcelScans(Path dir) throws Exception {
        Files.writeString(dir.resolve("scan-raw.avsc"), """
                {"type": "record", "name": "Scan", "fields": [
                  {"name": "scan_id", "type": {"type": "string", "logicalType": "uuid"}},
                  {"name": "scanned_at", "type": ["long", "string"]},
                  {"name": "depot", "type": "string"},
                  {"name": "status", "type": {"type": "enum", "name": "Status",
                                              "symbols": ["received", "sorted", "out_for_delivery"]}},
                  {"name": "weight_g", "type": ["null", "int"], "default": null},
                  {"name": "handler", "type": ["null", {"type": "record", "name": "Handler", "fields": [
                     {"name": "team", "type": "string"},
                     {"name": "shift", "type": ["null", {"type": "enum", "name": "Shift", "symbols": ["day", "night"]}],
                      "default": null}]}], "default": null}]}""");
        Files.writeString(dir.resolve("scan-enriched.avsc"), """
                {"type": "record", "name": "ScanRow", "fields": [
                  {"name": "scan_id", "type": "string"},
                  {"name": "scan_ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "depot", "type": "string"},
                  {"name": "region", "type": ["null", "string"], "default": null},
                  {"name": "status", "type": "string"},
                  {"name": "weight_g", "type": "int"},
                  {"name": "processed_ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "received_ts", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
                  {"name": "kinesis_shard_id", "type": ["null", "string"], "default": null},
                  {"name": "handler", "type": ["null", {"type": "record", "name": "HandlerRow", "fields": [
                     {"name": "team", "type": "string"},
                     {"name": "shift", "type": ["null", "string"], "default": null}]}], "default": null},
                  {"name": "event_date", "type": "string", "firelake.partition": true},
                  {"name": "event_hour", "type": "string", "firelake.partition": true}]}""");
        Files.writeString(dir.resolve("depots.csv"), "depot,region\nLHR1,south\nMAN2,north\n");
        Files.writeString(dir.resolve("contract.yaml"), """
                name: parcel-scans
                schemas: {raw: scan-raw.avsc, enriched: scan-enriched.avsc}
                roles: {event_id: scan_id, event_time: scanned_at, partition_key: depot}
                enrichments:
                  scan_ts: {kind: event_time}
                  event_date: {kind: date_part, part: date}
                  event_hour: {kind: date_part, part: hour}
                  region: {kind: lookup, from: depot, table: depots.csv, default: elsewhere}
                  weight_g: {kind: default, value: 0}
                  processed_ts: {kind: record_metadata, part: processed_ts}
                  received_ts: {kind: record_metadata, part: received_ts}
                  kinesis_shard_id: {kind: record_metadata, part: shard_id}
                simulator:
                  fields:
                    depot: {values: [LHR1, MAN2, BRS3]}
                    weight_g: {min: 50, max: 30000, null_rate: 0.1}
                    handler.team: {values: [blue, green, red]}
                reports: [scans_per_depot, scans_per_team]
                """);
        Files.writeString(dir.resolve("speed-layer.yaml"), """
                event: {id: scan_id, time: scanned_at}
                fields:
                  scan_id:    {type: string, required: true}
                  scanned_at: {type: timestamp, required: true}
                  depot:      {type: string, required: true}
                  status:     {type: string, required: true, values: [received, sorted, out_for_delivery]}
                  weight_g:   {type: int}
                  team:       {type: string, path: handler.team}
                  shift:      {type: string, path: handler.shift, values: [day, night]}
                aggregates:
                  scans:  {kind: count, by: status}
                  depots: {kind: distinct, field: depot}
                  grams:  {kind: sum, field: weight_g}
                  scans_by_team: {kind: count, by: handler.team}
                """);
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/scans_per_depot.sql"), """
                -- How many parcels did each depot scan per day, and how heavy were they?
                SELECT event_date, depot, region, count(*) AS scans, sum(weight_g) AS grams
                FROM raw_events WHERE event_date BETWEEN :from AND :to
                GROUP BY event_date, depot, region ORDER BY event_date, depot
                """);
        Files.writeString(dir.resolve("reports/scans_per_team.sql"), """
                -- How many parcels did each handling team scan per day (the handler record's team)?
                SELECT event_date, coalesce(handler.team, '(none)') AS team, count(*) AS scans
                FROM raw_events WHERE event_date BETWEEN :from AND :to
                GROUP BY 1, 2 ORDER BY 1, 2
                """);
    }
}
