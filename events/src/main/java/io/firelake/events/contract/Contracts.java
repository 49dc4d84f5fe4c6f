package io.firelake.events.contract;

import io.firelake.events.EventContract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which contract a process runs: one packaged in the jar (the build copies {@code contracts/NAME/} to
 * {@code /firelake/contracts/NAME/}, so a Lambda carries its contracts) or a folder on disk. {@code --contract} and the
 * environment variable {@value #ENV} take either a packaged name or a folder path; the default is {@value #DEFAULT}.
 */
public final class Contracts {

    public static final String ENV = "FIRELAKE_CONTRACT";
    public static final String DEFAULT = "clickstream";
    public static final String CLASSPATH_ROOT = "/firelake/contracts/";
    /** The system property {@link #select} sets; it wins over {@value #ENV}. */
    public static final String PROPERTY = "firelake.contract";

    private static final Map<String, EventContract> PACKAGED = new ConcurrentHashMap<>();
    private static volatile Selected selected;

    private Contracts() {
    }

    /** A contract packaged in the jar, read once per process. */
    public static EventContract packaged(String name) {
        return PACKAGED.computeIfAbsent(name, n -> {
            ContractSource source = ContractSource.classpath(CLASSPATH_ROOT + n);
            if (source.read(ContractLoader.CONTRACT_FILE).isEmpty()) {
                throw new ContractException(n, 0, "", "no such contract: neither a folder with a "
                        + ContractLoader.CONTRACT_FILE + " nor one packaged in this jar " + packagedNames());
            }
            return ContractLoader.load(source);
        });
    }

    /** The names of the contracts packaged in this jar. */
    public static List<String> packagedNames() {
        return ContractSource.children(CLASSPATH_ROOT, "", true);
    }

    /** {@code nameOrFolder}: a folder holding a contract.yaml, else a packaged contract; the default when null or blank. */
    public static EventContract resolve(String nameOrFolder) {
        if (nameOrFolder == null || nameOrFolder.isBlank()) {
            return packaged(DEFAULT);
        }
        ContractSource source = ContractSource.locate(nameOrFolder, ContractLoader.CONTRACT_FILE);
        return source instanceof ContractSource.Directory ? ContractLoader.load(source) : packaged(nameOrFolder);
    }

    /**
     * This process's contract: the one {@link #select} chose ({@code --contract}), else the one {@value #ENV} names, else
     * the default. Every stage that runs in the process (the transform handler the local Firehose loads, the Glue
     * tables, the reports) reads it here, as a deployed Lambda reads its environment variable.
     */
    public static EventContract selected() {
        return selected(System.getenv(ENV));
    }

    /** As {@link #selected()}, with the value of {@value #ENV} a handler read from its own environment. */
    public static EventContract selected(String environmentValue) {
        String key = chosen(environmentValue);
        Selected last = selected;
        if (last != null && last.spec().equals(key)) {
            return last.contract();
        }
        EventContract contract = resolve(key);
        selected = new Selected(key, contract);
        return contract;
    }

    /**
     * The name or folder of this process's contract, not loaded: the one {@link #select} chose, else
     * {@code environmentValue} (a handler's {@value #ENV}), else the default. The speed layer's Lambda, which carries
     * only its own file of each contract, locates it from here with {@link ContractSource#locate}.
     */
    public static String chosen(String environmentValue) {
        String chosen = System.getProperty(PROPERTY);
        String spec = chosen != null ? chosen : environmentValue;
        return spec == null || spec.isBlank() ? DEFAULT : spec;
    }

    /** Chooses this process's contract ({@code --contract NAME|DIR}), refusing one that does not load. */
    public static EventContract select(String nameOrFolder) {
        EventContract contract = resolve(nameOrFolder);
        Path dir = Path.of(nameOrFolder);
        String spec = Files.isDirectory(dir) ? dir.toAbsolutePath().normalize().toString() : nameOrFolder;
        System.setProperty(PROPERTY, spec);
        selected = new Selected(spec, contract);
        return contract;
    }

    /** Gives a child process ({@code local up --detach}, the Spark JVM) this process's contract, in its environment. */
    public static void passTo(Map<String, String> environment) {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null) {
            environment.put(ENV, chosen);
        }
    }

    private record Selected(String spec, EventContract contract) {
    }
}
