package io.firelake.athena.local;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.athena.report.DateRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a table on the local lake, and which of them a date range selects: the same partition pruning Athena
 * does with partition projection, computed from the table's {@code storage.location.template}. Its byte count is the
 * local stand-in for Athena's "data scanned" (Athena reads fewer bytes still, thanks to Parquet column pruning).
 */
public final class LakeScan {

    /** The files a query reads after pruning, and their total size. */
    public record Selection(List<Path> files, long bytes) {
        public Selection {
            files = List.copyOf(files);
        }

        public Selection plus(Selection other) {
            List<Path> all = new ArrayList<>(files);
            all.addAll(other.files);
            return new Selection(all, bytes + other.bytes);
        }

        public static Selection empty() {
            return new Selection(List.of(), 0);
        }
    }

    private final TableSpec table;
    private final Path directory;
    private final Pattern pathPattern;
    private final List<String> keys;

    public LakeScan(TableSpec table, Path lakeDirectory) {
        this.table = table;
        this.directory = localDirectory(table, lakeDirectory);
        this.keys = table.partitionKeys().stream().map(c -> c.name()).toList();
        this.pathPattern = Pattern.compile("^" + relativeTemplateRegex(table) + "[^/]+$");
    }

    /** The table's directory on the local lake. */
    public static Path localDirectory(TableSpec table, Path lakeDirectory) {
        String relative = table.location().replace(LakeTables.LAKE_PLACEHOLDER + "/", "");
        return lakeDirectory.resolve(relative);
    }

    public Path directory() {
        return directory;
    }

    /** A regular expression matching the partition directories below the table location, one group per key. */
    public static String relativeTemplateRegex(TableSpec table) {
        String template = table.locationTemplate().orElse(table.location())
                .substring(table.location().length());
        StringBuilder regex = new StringBuilder();
        Matcher key = Pattern.compile("\\$\\{([a-z_]+)}").matcher(template);
        int last = 0;
        while (key.find()) {
            regex.append(Pattern.quote(template.substring(last, key.start())).replace("\\Q\\E", ""));
            String name = key.group(1);
            boolean isDate = "date".equals(table.properties().get("projection." + name + ".type"));
            regex.append(isDate ? "(" + dateRegex(table.dateFormat(name)) + ")" : "([^/]+)");
            last = key.end();
        }
        regex.append(Pattern.quote(template.substring(last)).replace("\\Q\\E", ""));
        return regex.toString();
    }

    private static String dateRegex(String format) {
        return format.replace("yyyy", "\\d{4}").replace("MM", "\\d{2}").replace("dd", "\\d{2}");
    }

    /** Every data file of the table. */
    public Selection all() {
        return select(Optional.empty());
    }

    /** The data files in the partitions whose date key lies in {@code range}; all files for a table without one. */
    public Selection select(DateRange range) {
        return select(Optional.of(range));
    }

    private Selection select(Optional<DateRange> range) {
        if (!Files.isDirectory(directory)) {
            return Selection.empty();
        }
        Optional<String> dateKey = table.datePartitionKey();
        DateTimeFormatter dateFormat = dateKey.map(k -> DateTimeFormatter.ofPattern(table.dateFormat(k))).orElse(null);
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!isDataFile(file)) {
                    continue;
                }
                String relative = directory.relativize(file).toString().replace('\\', '/');
                Matcher m = pathPattern.matcher(relative);
                if (!m.matches()) {
                    continue;
                }
                if (range.isPresent() && dateKey.isPresent()) {
                    String value = m.group(keys.indexOf(dateKey.get()) + 1);
                    if (!inRange(value, dateFormat, range.get())) {
                        continue;
                    }
                }
                files.add(file);
                bytes += Files.size(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return new Selection(files, bytes);
    }

    private boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        return !"parquet".equals(table.format()) || name.endsWith(".parquet");
    }

    private static boolean inRange(String value, DateTimeFormatter format, DateRange range) {
        try {
            return range.contains(LocalDate.parse(value, format));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
