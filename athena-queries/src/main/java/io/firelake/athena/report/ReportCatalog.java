package io.firelake.athena.report;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.SqlFile;

import java.util.List;
import java.util.Optional;

/**
 * The reports of the process's event contract ({@code contracts/NAME/reports/*.sql}), in the order its
 * {@code contract.yaml} gives, which {@code --all} follows.
 */
public final class ReportCatalog {

    /** The clickstream contract's reports, in order. */
    public static final List<String> NAMES = names(EventContract.clickstream());

    private ReportCatalog() {
    }

    /** The selected contract's report names, in order. */
    public static List<String> names() {
        return names(Contracts.selected());
    }

    public static List<Report> all() {
        return all(Contracts.selected());
    }

    public static List<Report> all(EventContract contract) {
        return contract.reports().stream().map(ReportCatalog::report).toList();
    }

    public static Optional<Report> find(String name) {
        return Contracts.selected().report(name).map(ReportCatalog::report);
    }

    private static List<String> names(EventContract contract) {
        return contract.reports().stream().map(SqlFile::name).toList();
    }

    private static Report report(SqlFile file) {
        return new Report(file.name(), file.question(), file.sql());
    }
}
