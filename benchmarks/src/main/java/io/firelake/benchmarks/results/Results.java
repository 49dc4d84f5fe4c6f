package io.firelake.benchmarks.results;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Measured figures handed from one benchmark to the next (the cost model reads what the others measured): one
 * properties file per benchmark, plus the Markdown each one prints, under {@code benchmarks/target/results/}.
 */
public final class Results {

    public static final Path DEFAULT_DIRECTORY = Path.of("benchmarks", "target", "results");

    private final Path directory;

    public Results(Path directory) {
        this.directory = directory;
    }

    public static Results fromSystemProperty() {
        String dir = System.getProperty("firelake.results");
        return new Results(dir == null ? DEFAULT_DIRECTORY : Path.of(dir));
    }

    public Path directory() {
        return directory;
    }

    public void save(String benchmark, Map<String, ?> figures, String markdown) {
        try {
            Files.createDirectories(directory);
            Properties properties = new Properties();
            new TreeMap<>(figures).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
            try (Writer out = Files.newBufferedWriter(directory.resolve(benchmark + ".properties"), StandardCharsets.UTF_8)) {
                properties.store(out, "firelake benchmark " + benchmark);
            }
            Files.writeString(directory.resolve(benchmark + ".md"), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + directory, e);
        }
    }

    /** A figure an earlier benchmark saved, if it ran. */
    public OptionalDouble figure(String benchmark, String key) {
        Path file = directory.resolve(benchmark + ".properties");
        if (!Files.isRegularFile(file)) {
            return OptionalDouble.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
