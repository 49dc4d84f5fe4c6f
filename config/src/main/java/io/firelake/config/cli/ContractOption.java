package io.firelake.config.cli;

import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractException;
import io.firelake.events.contract.Contracts;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --contract NAME|DIR}: the event contract a command works with, a folder holding a {@code contract.yaml}
 * ({@code contracts/iot-telemetry}) or the name of one packaged in the jar. Given, it is checked and chosen for the
 * whole process as it is parsed (so the stages a command runs in process, such as the transform handler the local
 * Firehose loads, read the same one); absent, {@code $FIRELAKE_CONTRACT} or clickstream. See docs/contracts.md.
 */
public final class ContractOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String chosen;

    @Option(names = "--contract", paramLabel = "NAME|DIR",
            description = "The event contract: a folder with a contract.yaml (e.g. contracts/iot-telemetry) or the name "
                    + "of a packaged one (default: $" + Contracts.ENV + ", else " + Contracts.DEFAULT + ").")
    void contract(String nameOrFolder) {
        try {
            Contracts.select(nameOrFolder);
            chosen = nameOrFolder;
        } catch (ContractException e) {
            throw new ParameterException(spec.commandLine(), "--contract " + nameOrFolder + ": " + e.getMessage());
        }
    }

    /** The contract this command runs: {@code --contract}, else {@code $FIRELAKE_CONTRACT}, else clickstream. */
    public EventContract contract() {
        return Contracts.selected();
    }

    /** What {@code --contract} said, or null: for a child process's command line. */
    public String given() {
        return chosen;
    }
}
