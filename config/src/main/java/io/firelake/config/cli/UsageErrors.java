package io.firelake.config.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * How every firelake command line answers a usage mistake: the error, picocli's "did you mean" for a misspelt option,
 * and where the help is. picocli's default prints the whole usage after the error, which pushes the one line that
 * matters off the top of the terminal.
 *
 * @param prefix what the error line starts with: the command's name ({@link #naming()}) or a fixed word
 */
public record UsageErrors(String prefix) implements IParameterExceptionHandler {

    /** Errors start with the command that refused them: {@code firelake batch: --to 2026-12-01 is before ...}. */
    public static UsageErrors naming() {
        return new UsageErrors(null);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        String name = failed.getCommandSpec().qualifiedName();
        PrintWriter err = failed.getErr();
        err.println((prefix == null ? name : prefix) + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + name + " --help' for the options.");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }
}
