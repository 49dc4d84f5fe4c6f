package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clickstream is one contract among others: outside its folder, no main class names one of its fields in a string
 * literal, except the classes that are clickstream's by name (its simulator, its batch views, its enrichment kinds).
 * Everything else reads names from the contract (roles, enrichments, lake columns).
 */
class NoClickstreamFieldNamesTest {

    /**
     * Names the pipeline itself defines, which clickstream happens to use as field names too: the roles and the record
     * metadata columns. Not the partition keys (event_date, event_hour): a contract names its own, and every stage
     * reads them from it (the S3 prefix, the tables, DuckDB, Spark, the incremental state).
     */
    private static final Set<String> PIPELINE_VOCABULARY = Set.of("event_id", "event_time", "event_type",
            "received_ts", "processed_ts", "kinesis_shard_id", "kinesis_sequence_number",
            "kinesis_subsequence_number", "schema_version");

    /** Clickstream's own classes, by name, and what they are. */
    private static final Set<String> CLICKSTREAM_CLASSES = Set.of(
            "ClickstreamSimulator.java", "ShopperJourney.java", "FaultInjector.java", // producer: the clickstream generator
            "SampleBatch.java",                 // transform: clickstream's realistic SnapStart priming events
            "Enrichment.java", "EnrichmentReader.java", "UrlParts.java", // the named enrichment kinds
            "LegacyWindowState.java");          // speed layer: migrates window state written before contracts

    /** Modules outside this check: the benchmarks measure the clickstream workload by design. */
    private static final Set<String> OTHER_MODULES = Set.of("benchmarks");

    @Test
    void noMainClassOutsideTheClickstreamOnesNamesAClickstreamField() throws IOException {
        Set<String> names = new TreeSet<>();
        EventContract clickstream = EventContract.clickstream();
        Stream.concat(clickstream.raw().fields().stream(), clickstream.enriched().fields().stream())
                .map(FieldSpec::name).filter(n -> !PIPELINE_VOCABULARY.contains(n)).forEach(names::add);
        Pattern literal = Pattern.compile("\"(" + String.join("|", names) + ")\"");
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                if (OTHER_MODULES.contains(module.getFileName().toString())) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (CLICKSTREAM_CLASSES.contains(file.getFileName().toString())) {
                            continue;
                        }
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            Matcher m = literal.matcher(lines.get(i));
                            while (m.find()) {
                                found.add(root.relativize(file) + ":" + (i + 1) + " " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertThat(names).contains("session_id", "page_url", "price", "user_agent", "url_host");
        assertThat(found).as("clickstream field names outside contracts/clickstream/ and its named classes").isEmpty();
    }
}
