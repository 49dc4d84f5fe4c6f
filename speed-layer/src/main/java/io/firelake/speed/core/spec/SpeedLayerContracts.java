package io.firelake.speed.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import io.firelake.events.contract.Contracts;
import java.util.regex.Pattern;

/**
 * Finds a contract's {@code speed-layer.yaml}: by name among the contracts packaged in the jar (events' build copies the
 * repository's {@code contracts/<name>/} folders to {@code /firelake/contracts/<name>/}), or in a folder when given a
 * path. The choice is the process's contract as {@link Contracts#selected()} makes it: {@code --contract}, else
 * {@value #ENVIRONMENT_VARIABLE} (default {@value #DEFAULT_CONTRACT}), for the Lambda and the local runtime alike.
 */
public final class SpeedLayerContracts {

    /** The template's EventContract parameter sets it on the function; {@link Contracts#ENV}, spelt here for the reader. */
    public static final String ENVIRONMENT_VARIABLE = "FIRELAKE_CONTRACT";
    public static final String DEFAULT_CONTRACT = Contracts.DEFAULT;
    public static final String FILE_NAME = "speed-layer.yaml";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private SpeedLayerContracts() {
    }

    /** The contract {@value #ENVIRONMENT_VARIABLE} names, or the default one. */
    public static SpeedLayerSpec fromEnvironment(Map<String, String> environment) {
        String contract = environment.get(ENVIRONMENT_VARIABLE);
        return load(contract == null || contract.isBlank() ? DEFAULT_CONTRACT : contract.trim());
    }

    /** This process's contract: the one {@code --contract} chose ({@link Contracts#select}), else the environment's. */
    public static SpeedLayerSpec selected() {
        String chosen = System.getProperty(Contracts.PROPERTY);
        return chosen != null ? load(chosen) : fromEnvironment(System.getenv());
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
        if (NAME.matcher(contract).matches() && !Files.isDirectory(Path.of(contract))) {
            return packaged(contract);
        }
        return folder(Path.of(contract));
    }

    public static SpeedLayerSpec packaged(String name) {
        String resource = Contracts.CLASSPATH_ROOT.substring(1) + name + "/" + FILE_NAME;
        InputStream in = SpeedLayerContracts.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new SpecException(resource, 0, null, "no contract '" + name + "' is packaged in this jar; name one"
                    + " that is (the folders of the repository's contracts/ when it was built) or give a folder's path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SpeedLayerSpecs.parse(resource, reader);
        } catch (IOException e) {
            throw new SpecException(resource, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    public static SpeedLayerSpec folder(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return SpeedLayerSpecs.parse(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), 0, null, Files.isDirectory(folder)
                    ? "missing: a contract folder holds the speed layer's aggregates in " + FILE_NAME
                    : "no such contract folder " + folder);
        } catch (IOException e) {
            throw new SpecException(file.toString(), 0, null, "cannot be read: " + e.getMessage());
        }
    }
}
