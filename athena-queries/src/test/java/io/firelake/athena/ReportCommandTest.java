package io.firelake.athena;

import io.firelake.config.layout.Directories;
import io.firelake.events.contract.PinnedContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code firelake report} on the local lake, in each output format. */
@PinnedContract("clickstream")
class ReportCommandTest {

    @TempDir
    static Path lake;

    @BeforeAll
    static void writeLake() throws Exception {
        KnownLake.write(lake);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tableFormatShowsTheQuestionTheRowsAndTheBytesRead() {
        Run run = run("hourly_traffic", "--lake", lake.toString(), "--from", "2026-11-20", "--to", "2026-11-21");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("== hourly_traffic (2026-11-20..2026-11-21) ==")
                .contains("-- How many events")
                .contains("2026-11-20 | 10         | 3      | 2          | 2        | 1")
                .contains("(3 rows)")
                .containsPattern("read [0-9,]+ bytes in 2 files after partition pruning");
    }

    @Test
    void csvAndJsonFormats() {
        Run csv = run("revenue", "--lake", lake.toString(), "--date", "2026-11-20", "--format", "csv");
        assertThat(csv.out()).isEqualTo("event_date,product_id,currency,orders,units,revenue\r\n"
                + "2026-11-20,p2,EUR,1,1,99.99\r\n2026-11-20,p1,EUR,2,3,30.00\r\n");
        assertThat(csv.err()).contains("after partition pruning");

        Run json = run("revenue", "--lake", lake.toString(), "--date", "2026-11-21", "--format", "json");
        assertThat(json.out()).startsWith("{\"report\":\"revenue\"")
                .contains("\"rows\":[{\"event_date\":\"2026-11-21\",\"product_id\":\"p1\",\"currency\":\"EUR\","
                        + "\"orders\":1,\"units\":1,\"revenue\":10.00}]")
                .contains("\"bytes_scanned\":");
    }

    @Test
    void allRunsEveryReport() {
        Run run = run("--all", "--lake", lake.toString(), "--from", "2026-11-20", "--to", "2026-11-21", "--format", "json");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(10);
    }

    /** After ./firelake demo only raw_events holds data: reports on the batch views say batch has not run. */
    @Test
    void reportsOnEmptyViewsSayThatBatchHasNotRunAndNameTheCommand(@TempDir Path rawOnly) throws Exception {
        KnownLake.write(rawOnly);
        try (var dirs = java.nio.file.Files.list(rawOnly)) {
            dirs.filter(d -> !d.getFileName().toString().equals("raw")).forEach(Directories::deleteRecursively);
        }
        Run run = run("--all", "--lake", rawOnly.toString(), "--from", "2026-11-20", "--to", "2026-11-21");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("(0 rows)")
                .contains("-- no rows: sessions holds no data yet: firelake batch has not run")
                .contains("run ./firelake batch (after ./firelake demo)");
        assertThat(run("--all", "--lake", lake.toString(), "--from", "2026-11-20", "--to", "2026-11-21").out())
                .doesNotContain("no rows:");
    }

    @Test
    void clearErrors() {
        assertThat(run("nope", "--lake", lake.toString()).err()).contains("no report 'nope'").contains("hourly_traffic");
        assertThat(run("--lake", lake.toString()).err()).contains("NAME or --all");
        assertThat(run("--all", "--lake", lake.resolve("missing").toString()).err()).contains("no lake at");
        assertThat(run("--list").out()).contains("conversion_funnel").contains("?");
        assertThat(run("--ddl", "--lake", "s3://my-lake").out()).contains("LOCATION 's3://my-lake/views/sessions/'");
    }
}
