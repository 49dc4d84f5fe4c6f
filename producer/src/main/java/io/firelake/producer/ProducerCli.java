package io.firelake.producer;

import io.firelake.aws.client.NoRegionException;
import io.firelake.config.cli.UsageErrors;
import io.firelake.producer.cli.GenerateCommand;
import io.firelake.producer.cli.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar firelake-producer.jar}: the producer's command line. */
@Command(name = "firelake-producer", mixinStandardHelpOptions = true, version = "firelake-producer 0.1.0",
        description = {
            "Send the events of a contract (clickstream unless --contract) to a Kinesis data stream or a Firehose delivery stream, on AWS or on a local "
                    + "emulator, without losing any.",
            "",
            "Records go out with PutRecords (500 entries / 5 MiB per request), packed as KPL aggregates of up to one "
                    + "25 KB PUT payload unit (Firehose and the KCL de-aggregate them); with --delivery-stream, with "
                    + "Firehose's PutRecordBatch (500 records / 4 MiB per call, each as it is: Direct PUT). Only the "
                    + "failed entries of a partial failure are retried, with exponential backoff and jitter; a record "
                    + "that still fails is reported, never dropped silently.", ""},
        subcommands = {GenerateCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'firelake-producer help generate' or 'help replay' for their options."})
public final class ProducerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ProducerCli()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrors("error"));
        // Anything else that stops a run (no region, an unreachable endpoint...) is one clear line, not a stack trace.
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (NoRegionException.in(e).isPresent()) { // a usage error, as firelake's
                return failed.getParameterExceptionHandler().handleParseException(new CommandLine.ParameterException(
                        failed, NoRegionException.in(e).get().getMessage()), parsed.originalArgs().toArray(String[]::new));
            }
            failed.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("FIRELAKE_DEBUG") != null) {
                e.printStackTrace(failed.getErr());
            } else {
                failed.getErr().println("(set FIRELAKE_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return commandLine;
    }

    /** As {@code firelake} with no command: a usage error (exit 2), not the usage and success. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: generate or replay");
    }
}
