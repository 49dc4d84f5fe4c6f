package io.firelake.glue.job;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The days an incremental run processes, from the jobs' own state in the lake rather than Glue job bookmarks (which
 * track DynamicFrame sources; these are plain Spark jobs):
 *
 * <ul>
 *   <li>{@code state/compaction.properties}: the last successful compaction's {@code run}, its {@code started} time
 *       and the {@code days} it rebuilt;</li>
 *   <li>{@code state/views.properties}: the compaction {@code run} whose days the views were last rebuilt for.</li>
 * </ul>
 *
 * <p>Compaction rebuilds every day that has a raw file written since its last successful run started, less
 * {@link #MARGIN} (S3's Last-Modified of an object is when its upload began; Firehose's buffer can hold data for up to
 * 900 s), so a late file for an old day makes that day be rebuilt, and a day is rebuilt at most a few times more than
 * needed, which is harmless: every day is replaced whole (idempotent). A first run (no state) rebuilds every day that
 * has raw files. The views rebuild the days of the last compaction, and those of the one before when they did not get
 * to them (a failed views run), so no day is skipped. A failed run writes no state: the next run redoes its days.
 */
public final class IncrementalRun {

    public static final Duration MARGIN = Duration.ofMinutes(20);
    static final String COMPACTION = "compaction.properties";
    static final String VIEWS = "views.properties";

    private final LakeFiles files;
    private final LakeLayout lake;

    public IncrementalRun(LakeFiles files, LakeLayout lake) {
        this.files = files;
        this.lake = lake;
    }

    /** The days compaction must rebuild now: those with raw files written since the last successful run. */
    public SortedSet<LocalDate> compactionDays() {
        Properties last = read(COMPACTION);
        Instant since = last.containsKey("started")
                ? Instant.parse(last.getProperty("started")).minus(MARGIN) : Instant.EPOCH;
        return changedDays(files.stamped(lake.raw()), since, lake.day());
    }

    /** Records a successful compaction; the days the views have not rebuilt yet are carried forward. */
    public void compactionSucceeded(String run, Instant started, SortedSet<LocalDate> days) {
        SortedSet<LocalDate> pending = new TreeSet<>(days);
        Properties last = read(COMPACTION);
        if (last.containsKey("run") && !last.getProperty("run").equals(read(VIEWS).getProperty("run"))) {
            pending.addAll(parseDays(last.getProperty("days", "")));
        }
        Properties state = new Properties();
        state.setProperty("run", run);
        state.setProperty("started", started.toString());
        state.setProperty("days", pending.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
        write(COMPACTION, state);
    }

    /** The days the views must rebuild: the last compaction's, unless the views already did them. */
    public SortedSet<LocalDate> viewDays() {
        Properties compaction = read(COMPACTION);
        if (!compaction.containsKey("run") || compaction.getProperty("run").equals(read(VIEWS).getProperty("run"))) {
            return new TreeSet<>();
        }
        return parseDays(compaction.getProperty("days", ""));
    }

    public void viewsSucceeded() {
        Properties state = new Properties();
        state.setProperty("run", read(COMPACTION).getProperty("run", ""));
        write(VIEWS, state);
    }

    /** The days ({@code /DAY=yyyy-MM-dd/} in a raw file's path, {@code day} the contract's day key) changed since. */
    static SortedSet<LocalDate> changedDays(List<LakeFiles.Stamped> rawFiles, Instant since, String day) {
        Pattern dayPartition = Pattern.compile("/" + Pattern.quote(day) + "=(\\d{4}-\\d{2}-\\d{2})/");
        SortedSet<LocalDate> days = new TreeSet<>();
        for (LakeFiles.Stamped file : rawFiles) {
            Matcher m = dayPartition.matcher(file.path());
            if (file.modified() >= since.toEpochMilli() && m.find()) {
                days.add(LocalDate.parse(m.group(1)));
            }
        }
        return days;
    }

    /** Consecutive days as ranges, so that each run of Spark covers one range and no day between two changed ones. */
    public static List<DayRange> ranges(SortedSet<LocalDate> days) {
        List<DayRange> ranges = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        for (LocalDate day : days) {
            if (to != null && day.equals(to.plusDays(1))) {
                to = day;
                continue;
            }
            if (from != null) {
                ranges.add(new DayRange(from, to));
            }
            from = day;
            to = day;
        }
        if (from != null) {
            ranges.add(new DayRange(from, to));
        }
        return ranges;
    }

    private static SortedSet<LocalDate> parseDays(String text) {
        SortedSet<LocalDate> days = new TreeSet<>();
        for (String day : text.split(",")) {
            if (!day.isBlank()) {
                days.add(LocalDate.parse(day.strip()));
            }
        }
        return days;
    }

    private Properties read(String name) {
        Properties properties = new Properties();
        String text = files.readText(lake.state(name));
        if (text != null) {
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private void write(String name, Properties properties) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "firelake batch layer state (docs/batch-layer.md, Incremental runs)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.writeText(lake.state(name), text.toString());
    }
}
