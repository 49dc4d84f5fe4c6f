package io.firelake.speed.reader;

import io.firelake.config.cli.DataDirOption;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.InstantConverter;
import io.firelake.speed.core.spec.SpecException;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbClients;
import io.firelake.speed.report.RealtimeReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code firelake realtime}: the speed layer's last minutes, read from the aggregates table. */
@Command(name = "realtime", sortOptions = false,
        description = {
                "Prints the speed layer's last N minutes from its DynamoDB table, merged across shards: events per "
                        + "minute and the aggregates the contract declares in its speed-layer.yaml (for clickstream: "
                        + "events by type, distinct sessions, revenue, top pages), bad records, late events and "
                        + "dropped duplicates.",
                "",
                "Minutes are event-time minutes (UTC). A minute fills in as windows close: its items appear once "
                        + "their tumbling window (60 s by default) has ended.",
                "",
                "Examples:",
                "  local:   firelake realtime                   # the DynamoDB Local of 'firelake local up'",
                "           firelake realtime --data-dir /tmp/run --until 2026-11-21T14:05:00Z --minutes 2",
                "  AWS:     firelake realtime --region eu-west-1 --minutes 15",
                "  scripts: firelake realtime --endpoint http://127.0.0.1:4569 --json",
                "  IoT:     firelake realtime --contract contracts/iot-telemetry",
                ""},
        footer = {"", "Exit codes: 0 printed, 1 the table could not be read, 2 bad usage."})
public final class RealtimeCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-n", "--minutes"}, defaultValue = "5", description = "Minutes to show, ending with the current one (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--top", defaultValue = "10", description = "Values of each top-k aggregate to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--table", defaultValue = AggregateTable.DEFAULT_TABLE_NAME,
            description = "Aggregates table (SAM parameter AggregatesTableName; default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--contract", paramLabel = "NAME|DIR", description = "The contract whose aggregates to read: a "
            + "packaged one's name or a contract folder (default: $FIRELAKE_CONTRACT, else clickstream).")
    String contract;

    @Mixin
    EndpointOptions aws;

    /** Read by the {@code firelake} command line, which finds the running {@code local up} of this data directory. */
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--until", converter = InstantConverter.class, description = "Last minute to show, ISO-8601 instant (default: now). For replays and demos of past data.")
    Instant until;

    @Option(names = "--json", description = "Print one JSON object instead of the table (for scripts).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (minutes < 1 || minutes > 1440) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--minutes must be between 1 and 1440, not " + minutes);
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String endpoint = aws.endpoint().map(URI::toString).orElse(null);
        if (endpoint == null && aws.region().isEmpty() && !regionConfigured()) {
            err.println(NOTHING_TO_READ);
            return 1;
        }
        SpeedLayerSpec spec;
        try {
            spec = contract == null ? SpeedLayerContracts.selected() : SpeedLayerContracts.load(contract);
        } catch (SpecException e) {
            err.println("firelake realtime: " + e.getMessage());
            return 2;
        }
        String source = "table " + table + (endpoint == null ? " (AWS)" : " at " + endpoint);
        try (DynamoDbClient dynamo = DynamoDbClients.create(endpoint, aws.region().orElse(null))) {
            RealtimeReport report = report(dynamo, table, spec, until == null ? Instant.now() : until, minutes, top);
            out.print(json ? report.toJson() + System.lineSeparator() : report.render(source));
            out.flush();
            return 0;
        } catch (ResourceNotFoundException e) {
            err.println("firelake realtime: table '" + table + "' not found in " + source
                    + ". Locally, start the pipeline first (./firelake local up); on AWS, check --region and --table.");
            return 1;
        } catch (SdkException e) {
            err.println("firelake realtime: cannot read " + source + ": " + e.getMessage()
                    + (endpoint == null ? "" : ". Is the local pipeline running (./firelake local up)?"));
            return 1;
        }
    }

    /**
     * No endpoint, no region, nothing in the environment or the AWS profile: most likely a newcomer right after
     * {@code ./firelake demo}, whose engines have stopped. Better than the SDK's "Unable to load region".
     */
    static final String NOTHING_TO_READ = "firelake realtime: no local pipeline is running and no AWS region is set, "
            + "so there is no table to read." + System.lineSeparator()
            + "  Locally: ./firelake local up --detach starts the pipeline on the data directory, and its DynamoDB "
            + "Local serves what the last demo left; then ./firelake realtime (--until the demo's last minute, as the "
            + "demo printed)." + System.lineSeparator()
            + "  On AWS: firelake realtime --region REGION (or $AWS_REGION).";

    /** Whether the SDK finds a region (system property, environment, profile or instance metadata). */
    static boolean regionConfigured() {
        try {
            new DefaultAwsRegionProviderChain().getRegion();
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** The report of the {@code minutes} minutes ending with the minute of {@code until}, for the default contract. */
    public static RealtimeReport report(DynamoDbClient dynamo, String table, Instant until, int minutes, int top) {
        return report(dynamo, table, SpeedLayerContracts.selected(), until, minutes, top);
    }

    public static RealtimeReport report(DynamoDbClient dynamo, String table, SpeedLayerSpec spec, Instant until,
                                        int minutes, int top) {
        long lastMinute = Math.floorDiv(until.getEpochSecond(), 60L);
        long firstMinute = lastMinute - minutes + 1;
        AggregateReader reader = new AggregateReader(dynamo, table, spec);
        return RealtimeReport.of(spec, reader.minutes(firstMinute, lastMinute), reader.windows(firstMinute, lastMinute),
                firstMinute, lastMinute, top);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RealtimeCommand()).execute(args));
    }
}
