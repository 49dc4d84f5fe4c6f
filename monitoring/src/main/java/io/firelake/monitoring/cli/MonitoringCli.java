package io.firelake.monitoring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the monitoring commands on their own, until the project's CLI mounts them. */
@Command(name = "firelake", mixinStandardHelpOptions = true,
        description = "Firehose delivery monitoring, accounting and replay.",
        subcommands = {MonitorCommand.class, AccountingCommand.class, ReplayErrorsCommand.class})
public final class MonitoringCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new MonitoringCli()).execute(args));
    }
}
