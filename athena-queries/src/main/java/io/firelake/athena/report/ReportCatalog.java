package io.firelake.athena.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The reports that ship as {@code reports/NAME.sql} resources, in the order {@code --all} runs them. */
public final class ReportCatalog {

    public static final List<String> NAMES = List.of(
            "hourly_traffic", "top_pages", "top_referrers_campaigns", "device_browser_mix", "conversion_funnel",
            "revenue", "session_metrics", "bad_records", "late_events", "duplicates_removed");

    private ReportCatalog() {
    }

    public static List<Report> all() {
        return NAMES.stream().map(ReportCatalog::load).toList();
    }

    public static Optional<Report> find(String name) {
        return NAMES.contains(name) ? Optional.of(load(name)) : Optional.empty();
    }

    private static Report load(String name) {
        String resource = "/reports/" + name + ".sql";
        try (InputStream in = ReportCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + resource + " is missing from the class path");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            String question = sql.lines().findFirst().orElse("").replaceFirst("^--\\s*", "");
            return new Report(name, question, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
