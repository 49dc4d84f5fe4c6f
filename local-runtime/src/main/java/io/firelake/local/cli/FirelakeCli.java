package io.firelake.local.cli;

import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.monitoring.cli.ReplayErrorsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code firelake} command line: the local pipeline ({@code demo}, {@code local up|down|status}) and the
 * operator's tools ({@code monitor}, {@code accounting}, {@code replay-errors}).
 */
@Command(name = "firelake", mixinStandardHelpOptions = true, version = "firelake 0.1.0",
        description = {
                "Events from Kinesis to a Parquet lake, run wholly on this machine with no AWS account: kinesalite "
                        + "(Kinesis), S3Proxy (S3 on the file system), DynamoDB Local, and a local Firehose that calls "
                        + "the transform Lambda in process. Settings come from sam/template.yaml.",
                "",
                "Start with:  ./firelake demo"},
        subcommands = {DemoCommand.class, LocalCommand.class, MonitorCommand.class, AccountingCommand.class,
                ReplayErrorsCommand.class, CommandLine.HelpCommand.class})
public final class FirelakeCli {

    /** Exit code of a run that could not start (port taken, Node.js missing, data directory not writable...). */
    public static final int EXIT_CANNOT_START = 2;

    public static void main(String[] args) {
        System.setProperty("aws.cborEnabled", "false");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FirelakeCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("firelake " + commandLine.getCommandName() + ": " + message(e));
            if (System.getenv("FIRELAKE_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set FIRELAKE_DEBUG=1 for the stack trace)");
            }
            return EXIT_CANNOT_START;
        });
        return cli;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
