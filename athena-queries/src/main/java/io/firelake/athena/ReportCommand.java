package io.firelake.athena;

import io.firelake.athena.aws.AthenaReportEngine;
import io.firelake.athena.aws.Backoff;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportEngine;
import io.firelake.athena.report.ReportResult;
import io.firelake.athena.report.ResultFormatter;
import io.firelake.athena.report.ResultFormatter.Format;
import io.firelake.athena.report.ScanCost;
import io.firelake.aws.client.ClientSettings;
import io.firelake.config.cli.ContractOption;
import io.firelake.config.cli.DayRangeOptions;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.LakeOptions;
import io.firelake.config.cli.Source;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code firelake report}: runs the Athena SQL reports, through DuckDB on the local lake or through Athena on AWS.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the SQL reports (plain Athena SQL files) over a range of days.",
                "Locally (default) DuckDB reads the lake's Parquet files and prints the bytes of the files in the "
                        + "partitions the date range selects: the stand-in for what Athena bills.",
                "With --source aws the same SQL runs in an Athena workgroup; it prints the data scanned and its "
                        + "price (5 USD per TB, 10 MB minimum per query). With --endpoint-url it runs on that "
                        + "endpoint's Athena, such as the one of 'firelake local up' (http://127.0.0.1:4566).",
                "Days: --date D, or --from D --to D; --to defaults to today (UTC), --from to 6 days before --to.",
                "Run 'firelake batch' first: most reports read the curated data and the batch views."},
        footer = {"", "Reports:", "%n  hourly_traffic, top_pages, top_referrers_campaigns, device_browser_mix,"
                + "%n  conversion_funnel, revenue, session_metrics, bad_records, late_events,%n  duplicates_removed"
                + "%n  (firelake report --list shows the question each answers)",
                "", "Examples:", "  firelake report --all",
                "  firelake report conversion_funnel --from 2026-11-01 --to 2026-11-30",
                "  firelake report revenue --format csv > revenue.csv",
                "  firelake report --all --source aws --workgroup firelake-reports",
                "  # Athena of 'firelake local up'",
                "  firelake report --all --endpoint-url http://127.0.0.1:4566",
                "  # the CREATE TABLE statements for Athena",
                "  firelake report --ddl --lake s3://my-lake-bucket"})
public final class ReportCommand implements Callable<Integer> {

    /** Days a report covers when neither --date nor --from is given. */
    static final int DEFAULT_DAYS = 7;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The report to run.")
    String name;

    @Option(names = "--all", description = "Run every report.")
    boolean all;

    @Option(names = "--list", description = "List the reports and the question each answers.")
    boolean list;

    @Option(names = "--ddl", description = "Print the CREATE TABLE statements of the lake's tables for --lake.")
    boolean ddl;

    @Mixin
    DayRangeOptions days;
    @Mixin
    ContractOption contract;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (one object per report and line) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--source", paramLabel = "local|aws",
            description = "local: DuckDB on the local lake; aws: Athena (default: local, or aws when an endpoint "
                    + "(--endpoint-url, $" + EndpointOptions.ENDPOINT_VARIABLE + ") or --region is given).")
    Source source;

    @Mixin
    EndpointOptions aws;

    @Mixin
    LakeOptions lake;

    @Option(names = "--workgroup", paramLabel = "NAME", defaultValue = "firelake-reports",
            description = "Athena workgroup: the SAM stack's is STACK-reports (default: ${DEFAULT-VALUE}).")
    String workgroup;

    @Option(names = "--database", paramLabel = "NAME", defaultValue = LakeTables.DATABASE,
            description = "Glue database of the tables (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--output-location", paramLabel = "S3",
            description = "s3:// prefix for Athena results, unless the workgroup enforces its own.")
    String outputLocation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<AthenaReportEngine> athenaFactory;

    public ReportCommand() {
        this.athenaFactory = null;
    }

    /** For tests: an Athena engine built elsewhere (a client pointed at a stub). */
    ReportCommand(Supplier<AthenaReportEngine> athenaFactory) {
        this.athenaFactory = athenaFactory;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            ReportCatalog.all().forEach(r -> out.printf("%-24s %s%n", r.name(), r.question()));
            return 0;
        }
        if (ddl) {
            String root = lake.given().orElseGet(() -> lake.directory().toUri().toString());
            LakeTables.all().forEach(t -> out.println(LakeTables.ddl(t, root) + ";\n"));
            return 0;
        }
        List<Report> reports;
        DateRange range;
        try {
            reports = selectReports();
            range = dateRange();
        } catch (IllegalArgumentException e) {
            err.println("firelake report: " + e.getMessage());
            return 2;
        }
        ReportEngine running;
        try {
            running = openEngine();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("firelake report: " + e.getMessage());
            return 2;
        }
        try (ReportEngine reportEngine = running) {
            for (Report report : reports) {
                ReportResult result = reportEngine.run(report, range);
                if (format == Format.table) {
                    out.printf("== %s (%s) ==%n-- %s%n", report.name(), range, report.question());
                }
                if (format == Format.csv && reports.size() > 1) {
                    out.printf("# %s%n", report.name());
                }
                out.print(ResultFormatter.format(report, result, format));
                (format == Format.table ? out : err).println(scanLine(result));
                if (result.rows().isEmpty() && result.tableBytes() == 0 && chosenSource() == Source.local) {
                    (format == Format.table ? out : err).println(emptyTablesHint(report));
                }
                out.flush();
            }
        } catch (RuntimeException e) {
            err.println("firelake report: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private List<Report> selectReports() {
        if (all == (name != null)) {
            throw new IllegalArgumentException("give a report NAME or --all (firelake report --list shows them)");
        }
        if (all) {
            return ReportCatalog.all();
        }
        return List.of(ReportCatalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no report '" + name + "'; reports: " + String.join(", ", ReportCatalog.names()))));
    }

    private DateRange dateRange() {
        DayRangeOptions.Days range = days.lastDays(DEFAULT_DAYS, LocalDate.now(ZoneOffset.UTC));
        return new DateRange(range.first(), range.last());
    }

    /** The --source given, else aws when an endpoint or a region says so, else local. */
    private Source chosenSource() {
        return source != null ? source : aws.given() ? Source.aws : Source.local;
    }

    private ReportEngine openEngine() {
        Source chosen = chosenSource();
        if (chosen == Source.aws) {
            if (athenaFactory != null) {
                return athenaFactory.get();
            }
            ClientSettings client = ClientSettings.forEndpoint(aws.endpoint().orElse(null), aws.region().orElse(null));
            return AthenaReportEngine.create(new AthenaReportEngine.Settings(workgroup, database,
                    Optional.ofNullable(outputLocation), AthenaReportEngine.DEFAULT_TIMEOUT,
                    client.local() ? Backoff.LOCAL : Backoff.DEFAULT), client);
        }
        if (lake.given().filter(l -> l.startsWith("s3://")).isPresent()) {
            throw new IllegalArgumentException("DuckDB reads local files; for s3:// use --source aws");
        }
        Path directory = lake.directory();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no lake at " + directory
                    + ": run the local pipeline (and firelake batch) first, or point --lake / --data-dir at one");
        }
        return new DuckDbReportEngine(directory);
    }

    /**
     * Zero rows from tables that hold no file at all: a newcomer's next step is the command that fills them
     * ({@code raw_events} from the pipeline, the views from {@code firelake batch}).
     */
    static String emptyTablesHint(Report report) {
        List<String> tables = report.tables();
        String which = String.join(", ", tables) + (tables.size() == 1 ? " holds" : " hold") + " no data yet";
        if (tables.stream().allMatch(LakeTables.RAW::equals)) {
            return "-- no rows: " + which + "; the pipeline writes raw_events: run ./firelake demo first";
        }
        return "-- no rows: " + which + ": firelake batch has not run; it builds the batch layer's tables from raw_events: "
                + "run ./firelake batch (after ./firelake demo), then this report again";
    }

    static String scanLine(ReportResult result) {
        if (result.costUsd().isPresent()) {
            ScanCost cost = ScanCost.of(result.bytesScanned());
            return String.format("-- Athena scanned %,d bytes; billed %,d bytes = %.6f USD (5 USD/TB, 10 MB minimum)%n",
                    cost.bytesScanned(), cost.bytesBilled(), cost.dollars());
        }
        return String.format("-- read %,d bytes in %d files after partition pruning (the tables hold %,d bytes)%n",
                result.bytesScanned(), result.filesScanned(), result.tableBytes());
    }
}
