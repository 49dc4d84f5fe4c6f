package io.firelake.local.cli;

import io.firelake.athena.CatalogCommand;
import io.firelake.athena.ReportCommand;
import io.firelake.aws.client.NoRegionException;
import io.firelake.config.cli.EndpointOptions;
import io.firelake.config.cli.UsageErrors;
import io.firelake.config.layout.DataLayout;
import io.firelake.glue.BatchCommand;
import io.firelake.local.deploy.DeployCommand;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.monitoring.cli.ReplayErrorsCommand;
import io.firelake.speed.reader.RealtimeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code firelake} command line: the local pipeline ({@code demo}, {@code local up|down|status}), the speed layer's
 * reader ({@code realtime}), the batch layer ({@code batch}, {@code report}) and the operator's tools
 * ({@code monitor}, {@code accounting}, {@code replay-errors}).
 */
@Command(name = "firelake", mixinStandardHelpOptions = true, version = "firelake 0.1.0",
        description = {
                "Events from Kinesis to a Parquet lake, run wholly on this machine with no AWS account: kinesalite "
                        + "(Kinesis), S3Proxy (S3 on the file system), DynamoDB Local, and a local Firehose that calls "
                        + "the transform Lambda in process. Settings come from sam/template.yaml.",
                "",
                "Start with:  ./firelake demo"},
        subcommands = {DemoCommand.class, LocalCommand.class, RealtimeCommand.class, BatchCommand.class,
                ReportCommand.class, CatalogCommand.class, BenchCommand.class, MonitorCommand.class,
                AccountingCommand.class, ReplayErrorsCommand.class, DeployCommand.class,
                CommandLine.HelpCommand.class})
public final class FirelakeCli {

    /** Exit code of a run that could not start (port taken, Node.js missing, data directory not writable...). */
    public static final int EXIT_CANNOT_START = 2;

    public static void main(String[] args) {
        System.setProperty("aws.cborEnabled", "false");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FirelakeCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(UsageErrors.naming());
        CommandLine realtime = cli.getSubcommands().get("realtime");
        List<String> description = new ArrayList<>(List.of(realtime.getCommandSpec().usageMessage().description()));
        description.add("Locally: while ./firelake local up runs, --endpoint defaults to its DynamoDB Local (read from "
                + "<data>/local/state.json, data dir --data-dir, $" + DataLayout.DATA_DIR_VARIABLE + " or "
                + DataLayout.DEFAULT_DATA_DIR + ") unless an endpoint (--endpoint, $" + EndpointOptions.ENDPOINT_VARIABLE
                + ") or --region is given.");
        realtime.getCommandSpec().usageMessage().description(description.toArray(String[]::new));
        cli.setExecutionStrategy(parseResult -> {
            localRealtimeEndpoint(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (NoRegionException.in(e).isPresent()) { // how the command was run, not a failure in it
                return commandLine.getParameterExceptionHandler().handleParseException(new CommandLine
                        .ParameterException(commandLine, NoRegionException.in(e).get().getMessage()),
                        parseResult.originalArgs().toArray(String[]::new));
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message(e));
            if (System.getenv("FIRELAKE_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set FIRELAKE_DEBUG=1 for the stack trace)");
            }
            return EXIT_CANNOT_START;
        });
        return cli;
    }

    /**
     * {@code realtime} lives in the speed-layer module, which knows nothing of {@code local up}: with no endpoint (on
     * the command line or in the environment) and no {@code --region}, point it at the running local pipeline's
     * DynamoDB Local.
     */
    private static void localRealtimeEndpoint(ParseResult parseResult) {
        ParseResult sub = parseResult.subcommand();
        if (sub == null || !"realtime".equals(sub.commandSpec().name()) || sub.hasMatchedOption("--endpoint")
                || sub.hasMatchedOption("--region") || !isBlank(System.getenv(EndpointOptions.ENDPOINT_VARIABLE))) {
            return;
        }
        Path dataDir = DataLayout.dataDir(sub.matchedOptionValue("--data-dir", null), System.getenv());
        Optional<RuntimeState> running = RuntimeState.read(dataDir).filter(RuntimeState::alive);
        running.ifPresent(state -> sub.commandSpec().findOption("--endpoint")
                .setValue(URI.create(state.dynamoDbEndpoint())));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
