package io.firelake.endpoint.athena;

/** Writes a query's results where Athena would: {@code <OutputLocation>/<QueryExecutionId>.csv} and its metadata. */
@FunctionalInterface
public interface ResultsWriter {

    /** @param location an {@code s3://bucket/key} URI */
    void write(String location, byte[] content);
}
