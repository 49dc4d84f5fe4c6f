package io.firelake.local.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project-local npm folder ({@code local-engines/node/}: a committed package.json and package-lock.json) and its
 * install with {@code npm ci}, done once per lock file content. Several test JVMs may start kinesalite at the same
 * moment, so the install runs under a file lock and is recorded with a marker holding the lock file's hash.
 *
 * <p>Where the folder is: the system property {@code firelake.node.dir} or the environment variable
 * {@code FIRELAKE_NODE_DIR}; else {@code local-engines/node} found from the working directory upwards (the source
 * tree); else the copy of package.json and package-lock.json shipped in this jar, unpacked under
 * {@code ~/.cache/firelake/node/<hash>}.
 */
public final class NodePackages {

    public static final int MINIMUM_NODE_MAJOR = 18;
    static final String LOCK_FILE = "package-lock.json";
    private static final String MARKER = ".firelake-installed";
    private static final String RESOURCE_DIR = "/io/firelake/local/engines/node/";
    private static final List<String> SHIPPED_FILES = List.of("package.json", LOCK_FILE, "kinesalite-loopback.js",
            "kinesalite-fast-paths.js");
    private static final Pattern NODE_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+).*");
    private static final Object IN_PROCESS_LOCK = new Object();

    private final Path directory;
    private final String node;
    private final String npm;

    private NodePackages(Path directory, String node, String npm) {
        this.directory = directory;
        this.node = node;
        this.npm = npm;
    }

    /** The npm folder found as described above, with {@code node} and {@code npm} taken from PATH (or overridden). */
    public static NodePackages locate() {
        String node = setting("firelake.node", "FIRELAKE_NODE", "node");
        String npm = setting("firelake.npm", "FIRELAKE_NPM", "npm");
        String configured = setting("firelake.node.dir", "FIRELAKE_NODE_DIR", null);
        if (configured != null) {
            return new NodePackages(Path.of(configured).toAbsolutePath(), node, npm);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("local-engines").resolve("node"), dir.resolve("node"))) {
                if (Files.isRegularFile(candidate.resolve(LOCK_FILE))
                        && Files.isRegularFile(candidate.resolve("kinesalite-loopback.js"))) {
                    return new NodePackages(candidate, node, npm);
                }
            }
        }
        return new NodePackages(unpackShippedCopy(), node, npm);
    }

    public static NodePackages at(Path directory) {
        return new NodePackages(directory.toAbsolutePath(), setting("firelake.node", "FIRELAKE_NODE", "node"),
                setting("firelake.npm", "FIRELAKE_NPM", "npm"));
    }

    public Path directory() {
        return directory;
    }

    public String nodeExecutable() {
        return node;
    }

    /** Fails with an explanation when Node.js is missing or older than 18; returns the major version. */
    public int requireNode() {
        String version = runForOutput(List.of(node, "--version"), "Node.js");
        Matcher matcher = NODE_VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            throw new EngineStartException("could not read the Node.js version from `" + node + " --version`: "
                    + version.trim());
        }
        int major = Integer.parseInt(matcher.group(1));
        if (major < MINIMUM_NODE_MAJOR) {
            throw new EngineStartException("Node.js " + version.trim() + " is too old: the local Kinesis engine "
                    + "(kinesalite) needs Node.js " + MINIMUM_NODE_MAJOR + " or newer. Install a newer Node.js "
                    + "(for example from your OS packages) and put it first on PATH.");
        }
        return major;
    }

    /**
     * Runs {@code npm ci --no-audit --no-fund} unless node_modules already matches the lock file; safe to call from
     * many threads and JVMs at once.
     */
    public void ensureInstalled() {
        requireNode();
        String lockHash = sha256(directory.resolve(LOCK_FILE));
        Path marker = directory.resolve("node_modules").resolve(MARKER);
        if (isInstalled(marker, lockHash)) {
            return;
        }
        synchronized (IN_PROCESS_LOCK) {
            try (FileChannel channel = FileChannel.open(directory.resolve(".firelake-install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (isInstalled(marker, lockHash)) {
                    return;
                }
                runNpmCi();
                Files.writeString(marker, lockHash);
            } catch (IOException e) {
                throw new EngineStartException("could not install the npm packages in " + directory + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private boolean isInstalled(Path marker, String lockHash) {
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).trim().equals(lockHash)
                    && Files.isRegularFile(directory.resolve("node_modules/kinesalite/index.js"));
        } catch (IOException e) {
            return false;
        }
    }

    private void runNpmCi() {
        runForOutput(List.of(npm, "--version"), "npm");
        List<String> command = List.of(npm, "ci", "--no-audit", "--no-fund");
        Path log = directory.resolve("npm-ci.log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new EngineStartException("`npm ci` in " + directory + " did not finish in 10 minutes; see "
                        + log);
            }
            if (process.exitValue() != 0) {
                throw new EngineStartException("`npm ci --no-audit --no-fund` failed in " + directory + " (exit "
                        + process.exitValue() + "). Is the npm registry reachable? Output:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new EngineStartException("could not run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted during `npm ci`", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String runForOutput(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new EngineStartException("`" + String.join(" ", command) + "` failed: "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineStartException(what + " is required for the local Kinesis engine (kinesalite) and `"
                    + command.get(0) + "` could not be run (" + e.getMessage() + "). Install Node.js "
                    + MINIMUM_NODE_MAJOR + " or newer with npm (for example `apt-get install nodejs npm`), "
                    + "or point the system property firelake.node / firelake.npm at the executables.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted while running " + command, e);
        }
    }

    private static Path unpackShippedCopy() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<byte[]> contents = new ArrayList<>();
            for (String name : SHIPPED_FILES) {
                try (InputStream in = NodePackages.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new EngineStartException("the firelake-local-engines jar lacks " + RESOURCE_DIR + name
                                + "; set -Dfirelake.node.dir to the repository's local-engines/node folder");
                    }
                    byte[] bytes = in.readAllBytes();
                    contents.add(bytes);
                    digest.update(bytes);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            Path target = Path.of(System.getProperty("user.home"), ".cache", "firelake", "node", hash);
            Files.createDirectories(target);
            for (int i = 0; i < SHIPPED_FILES.size(); i++) {
                Path file = target.resolve(SHIPPED_FILES.get(i));
                if (!Files.isRegularFile(file)) {
                    Path temp = Files.createTempFile(target, SHIPPED_FILES.get(i), ".tmp");
                    Files.write(temp, contents.get(i));
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the npm manifest for kinesalite", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new EngineStartException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
