package io.firelake.endpoint.athena;

import java.util.List;

/**
 * What runs Athena's SQL locally: DuckDB over the local lake, with the project's Athena shims. Blocking; an interrupt
 * cancels the query.
 */
public interface QueryEngine {

    /** Checks the statement's syntax as Athena's parser does; throws {@link QueryFailure} with the parser's message. */
    void checkSyntax(String sql);

    /**
     * Runs the statement in the database, with {@code ?} bound to the execution parameters in order.
     *
     * @throws QueryFailure when the query fails (an unknown table, a type error...)
     */
    QueryOutcome run(String sql, String database, List<String> parameters) throws InterruptedException;

    /** One column of a result: its name and its Athena (Trino) type name, such as {@code varchar} or {@code bigint}. */
    record Column(String name, String type) {
    }

    /**
     * @param rows           each value as Athena's {@code VarCharValue} renders it, null for SQL NULL
     * @param bytesScanned   the bytes of the files the query read after partition pruning
     */
    record QueryOutcome(List<Column> columns, List<List<String>> rows, long bytesScanned) {
        public QueryOutcome {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** A query that failed, with Athena's error category (1 system, 2 user, 3 other) and message. */
    final class QueryFailure extends RuntimeException {
        private final int category;

        public QueryFailure(int category, String message) {
            super(message, null, false, false);
            this.category = category;
        }

        public int category() {
            return category;
        }
    }
}
