package io.firelake.events.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * Where a contract folder's files come from: a directory on disk ({@code --contract DIR}) or the class path, where
 * the build packages {@code contracts/NAME/} as {@code /firelake/contracts/NAME/} so that every jar carries them.
 */
public sealed interface ContractSource {

    /** How errors name a file of the folder. */
    String describe(String relative);

    /** The file's bytes, or empty when the folder has no such file. */
    Optional<byte[]> read(String relative);

    /** The names of the files directly in {@code folder} that end with {@code suffix}, sorted; empty if none. */
    List<String> list(String folder, String suffix);

    /** Whether the folder has the file. */
    boolean has(String relative);

    /**
     * Where the contract {@code nameOrFolder} is, checked to hold {@code file}: a folder on disk that holds it, else the
     * contract of that name packaged in the jar ({@link Contracts#CLASSPATH_ROOT}); a path with a separator is a folder.
     */
    static ContractSource locate(String nameOrFolder, String file) {
        Path dir = Path.of(nameOrFolder);
        if (Files.isRegularFile(dir.resolve(file))) {
            return directory(dir);
        }
        if (nameOrFolder.contains("/") || nameOrFolder.contains("\\")) {
            throw new ContractException(nameOrFolder, 0, "", Files.isDirectory(dir)
                    ? "missing: this folder has no " + file : "no such folder, so no " + file);
        }
        ContractSource packaged = classpath(Contracts.CLASSPATH_ROOT + nameOrFolder);
        if (!packaged.has(file)) {
            throw new ContractException(nameOrFolder, 0, "", "no such contract: no contract '" + nameOrFolder
                    + "' is packaged in this jar " + children(Contracts.CLASSPATH_ROOT, "", true)
                    + " and no folder of that name holds a " + file);
        }
        return packaged;
    }

    static ContractSource directory(Path dir) {
        return new Directory(dir);
    }

    static ContractSource classpath(String root) {
        return new Classpath(root.endsWith("/") ? root : root + "/");
    }

    record Directory(Path dir) implements ContractSource {
        @Override
        public String describe(String relative) {
            return dir.resolve(relative).toString();
        }

        @Override
        public Optional<byte[]> read(String relative) {
            Path file = dir.resolve(relative);
            try {
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            } catch (IOException e) {
                throw new ContractException(describe(relative), 0, "", "cannot read: " + e.getMessage());
            }
        }

        @Override
        public List<String> list(String folder, String suffix) {
            return names(dir.resolve(folder), suffix, false);
        }

        @Override
        public boolean has(String relative) {
            return Files.isRegularFile(dir.resolve(relative));
        }
    }

    record Classpath(String root) implements ContractSource {
        @Override
        public String describe(String relative) {
            return "classpath:" + root + relative;
        }

        @Override
        public Optional<byte[]> read(String relative) {
            try (InputStream in = ContractSource.class.getResourceAsStream(root + relative)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new ContractException(describe(relative), 0, "", "cannot read: " + e.getMessage());
            }
        }

        @Override
        public List<String> list(String folder, String suffix) {
            return children(root + folder, suffix, false);
        }

        @Override
        public boolean has(String relative) {
            return ContractSource.class.getResource(root + relative) != null;
        }
    }

    /** Entries of a class-path folder, in a directory or a jar: files ending with {@code suffix}, or sub-folders. */
    static List<String> children(String folderResource, String suffix, boolean folders) {
        String folder = folderResource.endsWith("/") ? folderResource : folderResource + "/";
        URL url = ContractSource.class.getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return names(Path.of(url.toURI()), suffix, folders);
            }
            if (url.openConnection() instanceof JarURLConnection jar) {
                String prefix = jar.getEntryName() == null ? "" : jar.getEntryName();
                prefix = prefix.endsWith("/") ? prefix : prefix + "/";
                TreeSet<String> names = new TreeSet<>();
                for (Enumeration<JarEntry> e = jar.getJarFile().entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (!entry.startsWith(prefix) || entry.length() == prefix.length()) {
                        continue;
                    }
                    String rest = entry.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    if (folders && slash > 0) {
                        names.add(rest.substring(0, slash));
                    } else if (!folders && slash < 0 && rest.endsWith(suffix)) {
                        names.add(rest);
                    }
                }
                return new ArrayList<>(names);
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path dir, String suffix, boolean folders) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> folders ? Files.isDirectory(p) : Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> folders || n.endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
