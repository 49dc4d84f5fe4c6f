package io.firelake.sam;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm tooling of the offline checks, installed into {@code sam/tools/} with {@code npm ci} from the committed
 * {@code package-lock.json}: exact versions, no network once installed. A file lock serialises concurrent builds (two
 * worktrees, or two forks) on the same folder; a marker holding the lock file's hash skips the install when nothing
 * changed.
 */
final class NodeTools {

    static final Path TOOLS = SamTemplate.moduleDir().resolve("tools");
    private static final Path MARKER = TOOLS.resolve("node_modules/.firelake-installed");
    private static final long INSTALL_TIMEOUT_MINUTES = 5;
    private static boolean ready;

    private NodeTools() {
    }

    /** Installs the tools if needed; fails with a clear message when Node.js is missing. */
    static synchronized void ensureInstalled() {
        if (ready) {
            return;
        }
        requireNode();
        try (FileChannel channel = FileChannel.open(TOOLS.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            String lockHash = sha256(TOOLS.resolve("package-lock.json"));
            if (!Files.exists(MARKER) || !Files.readString(MARKER).trim().equals(lockHash)) {
                Result install = run(INSTALL_TIMEOUT_MINUTES, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--loglevel=error");
                if (install.exitCode() != 0) {
                    throw new AssertionError("npm ci in " + TOOLS + " failed (exit " + install.exitCode() + "):\n"
                            + install.output());
                }
                Files.writeString(MARKER, lockHash);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot install the npm tools in " + TOOLS + ": " + e.getMessage(), e);
        }
        ready = true;
    }

    private static void requireNode() {
        try {
            Result version = run(1, "node", "--version");
            if (version.exitCode() == 0) {
                return;
            }
        } catch (IOException e) {
            // handled below: the message is the same whether node is absent or broken
        }
        throw new AssertionError("Node.js 18 or newer (node and npm on the PATH) is required by the offline template "
                + "checks: they run npm cfn-lint with the @aws-cdk/cfnspec resource specification from sam/tools. "
                + "Install Node.js (for example `apt-get install nodejs npm`) and run the build again.");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command in the tools folder, stdout and stderr together. */
    static Result run(long timeoutMinutes, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).directory(TOOLS.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", line) + " did not finish in " + timeoutMinutes + " min");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + line, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
