package io.firelake.athena.report;

/** Runs a report's SQL somewhere: Athena on AWS, DuckDB on the local lake. */
public interface ReportEngine extends AutoCloseable {

    ReportResult run(Report report, DateRange range);

    /** What the engine runs on, for the report header. */
    String describe();

    @Override
    void close();
}
