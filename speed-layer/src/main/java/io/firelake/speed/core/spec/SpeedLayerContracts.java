package io.firelake.speed.core.spec;

import io.firelake.events.contract.ContractException;
import io.firelake.events.contract.ContractSource;
import io.firelake.events.contract.Contracts;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a contract's {@code speed-layer.yaml} from where events' {@link ContractSource#locate} finds the contract: by
 * name among the contracts packaged in the jar, or in a folder when given a path. The choice is the process's contract
 * as {@link Contracts#chosen} makes it: {@code --contract}, else {@value #ENVIRONMENT_VARIABLE} (default
 * {@value #DEFAULT_CONTRACT}), for the Lambda and the local runtime alike.
 */
public final class SpeedLayerContracts {

    /** The template's EventContract parameter sets it on the function; {@link Contracts#ENV}, spelt here for the reader. */
    public static final String ENVIRONMENT_VARIABLE = Contracts.ENV;
    public static final String DEFAULT_CONTRACT = Contracts.DEFAULT;
    public static final String FILE_NAME = "speed-layer.yaml";

    private SpeedLayerContracts() {
    }

    /** This process's contract: the one {@code --contract} chose ({@link Contracts#select}), else the environment's. */
    public static SpeedLayerSpec selected() {
        return load(Contracts.chosen(System.getenv(ENVIRONMENT_VARIABLE)));
    }

    /**
     * {@link #selected()}, checked against the raw schema of the same contract ({@link RawSchemaCheck}): for processes
     * that carry the whole contract (the local runtime, the CLI), not the Lambda, whose jar holds only the yaml.
     */
    public static SpeedLayerSpec selectedAndChecked() {
        return RawSchemaCheck.check(selected(), Contracts.selected());
    }

    /** {@link #load}, checked against the raw schema of the same contract (a packaged name or a folder). */
    public static SpeedLayerSpec loadAndChecked(String contract) {
        return RawSchemaCheck.check(load(contract), Contracts.resolve(contract));
    }

    /** A packaged contract's name ({@code iot-telemetry}) or a contract folder's path ({@code contracts/iot-telemetry}). */
    public static SpeedLayerSpec load(String contract) {
        try {
            ContractSource source = ContractSource.locate(contract, FILE_NAME);
            byte[] yaml = source.read(FILE_NAME).orElseThrow();
            return SpeedLayerSpecs.parse(source.describe(FILE_NAME),
                    new InputStreamReader(new ByteArrayInputStream(yaml), StandardCharsets.UTF_8));
        } catch (ContractException e) {
            throw new SpecException(e.file(), e.line(), null, e.problem());
        }
    }
}
