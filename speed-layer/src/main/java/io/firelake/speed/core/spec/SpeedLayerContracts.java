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
import java.util.regex.Pattern;

/**
 * Finds a contract's {@code speed-layer.yaml}: by name among the contracts packaged in the jar (the build copies the
 * repository's {@code contracts/<name>/} folders into its resources), or in a folder when given a path. The choice comes
 * from {@value #ENVIRONMENT_VARIABLE} (default {@value #DEFAULT_CONTRACT}), for the Lambda and the local runtime alike.
 */
public final class SpeedLayerContracts {

    public static final String ENVIRONMENT_VARIABLE = "FIRELAKE_CONTRACT";
    public static final String DEFAULT_CONTRACT = "clickstream";
    public static final String FILE_NAME = "speed-layer.yaml";
    /** The contracts' folder in the repository and in the jar's resources. */
    public static final String FOLDER = "contracts";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private SpeedLayerContracts() {
    }

    /** The contract {@value #ENVIRONMENT_VARIABLE} names, or the default one. */
    public static SpeedLayerSpec fromEnvironment(Map<String, String> environment) {
        String contract = environment.get(ENVIRONMENT_VARIABLE);
        return load(contract == null || contract.isBlank() ? DEFAULT_CONTRACT : contract.trim());
    }

    /** A packaged contract's name ({@code iot-telemetry}) or a contract folder's path ({@code contracts/iot-telemetry}). */
    public static SpeedLayerSpec load(String contract) {
        if (NAME.matcher(contract).matches() && !Files.isDirectory(Path.of(contract))) {
            return packaged(contract);
        }
        return folder(Path.of(contract));
    }

    public static SpeedLayerSpec packaged(String name) {
        String resource = FOLDER + "/" + name + "/" + FILE_NAME;
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
