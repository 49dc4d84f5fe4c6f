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
 * A contract the code has never seen (parcel scans at depots: docs/contracts.md's walk-through, written into a temporary
 * folder) driving the whole local
 * pipeline: the simulator makes its events and faults, the transform validates and enriches them with the
 * contract's enrichments, the local Firehose writes its columns to Parquet, the speed layer keeps its declared
 * aggregates and they equal the lake's, accounting reconciles its event ids, and its report runs. Proof that no code path is tied to the shipped contracts.
 * Its partition keys are its own ({@code scan_day}, {@code scan_hour}, not the shipped contracts' event_date and
 * event_hour): the transform's partition keys, the local Firehose's prefix, the tables, the report and Spark's compaction
 * follow them.
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
        try (var days = Files.list(io.firelake.config.layout.DataLayout.of(data).rawDir())) {
            assertThat(days.map(d -> d.getFileName().toString()).toList()).as("the raw prefix's partitions")
                    .isNotEmpty().allMatch(d -> d.startsWith("scan_day="));
        }
        FirelakeCliTest.Run batch = FirelakeCliTest.run("batch", "--contract", contract.toString(), "--data-dir",
                data.toString(), "--cores", "1");
        assertThat(batch.exit()).as(batch.out() + batch.err()).isZero();
        try (var days = Files.list(io.firelake.config.layout.DataLayout.of(data)
                .lakeDir(io.firelake.config.layout.LakePrefix.CURATED))) {
            assertThat(days.map(d -> d.getFileName().toString()).toList()).as("Spark's compaction, by the contract's day")
                    .isNotEmpty().allMatch(d -> d.startsWith("scan_day="));
        }
        assertThat(report.out()).contains("How many parcels did each depot scan")
                .contains("| LHR1 ").contains("| south").contains("| elsewhere");
        FirelakeCliTest.Run teams = FirelakeCliTest.run("report", "scans_per_team", "--contract",
                contract.toString(), "--data-dir", data.toString());
        assertThat(teams.exit()).as(teams.err()).isZero();
        assertThat(teams.out()).contains("| blue ").contains("| green ").contains("| red ").contains("| (none) ");
    }

    /** The walk-through of docs/contracts.md, written as its reader would: each file from the block under its name. */
    private static void writeParcelScans(Path dir) throws Exception {
        String doc = Files.readString(Path.of("../docs/contracts.md"));
        String walkThrough = doc.substring(doc.indexOf("## Walk-through: a third contract"));
        walkThrough = walkThrough.substring(0, walkThrough.indexOf("\n## "));
        Matcher file = Pattern.compile("(?m)^`([\\w./-]+)`[^\\n]*\\n```\\w*\\n(.*?)```", Pattern.DOTALL)
                .matcher(walkThrough);
        int written = 0;
        while (file.find()) {
            Path target = dir.resolve(file.group(1));
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.group(2));
            written++;
        }
        assertThat(written).as("the walk-through's files").isEqualTo(7);
    }
}
