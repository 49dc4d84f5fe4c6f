package io.firelake.endpoint.athena;

import java.util.List;

/**
 * What runs Athena's SQL locally: DuckDB over the local lake, with the project's Athena shims. Blocking; an interrupt
 * cancels the query.
 */
public interface QueryEngine {

    /**
     * What a statement is, as Athena's {@code StatementType} tells: a query (DML), a DDL statement, or a utility
     * statement (SHOW, DESCRIBE), whose results Athena answers without a header row and writes as text.
     *
     * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecution.html">QueryExecution</a>
     */
    enum StatementKind { DML, DDL, UTILITY }

    /**
     * A statement's kind and Athena's finer {@code SubstatementType} ({@code SELECT}, {@code SHOW_TABLES},
     * {@code DESCRIBE_TABLE}...), or null when there is none to tell.
     */
    record Classified(StatementKind kind, String substatementType) {
    }

    /**
     * Checks the statement's syntax as Athena's parser does, before the query is queued.
     *
     * @return whether it is a query or a utility statement ({@code SHOW TABLES}, {@code DESCRIBE}...)
     * @throws QueryFailure with the parser's message ({@code line 1:8: mismatched input ...})
     */
    Classified checkSyntax(String sql);

    /**
     * Runs the statement in the database, with {@code ?} bound to the execution parameters in order.
     *
     * @param parameters Athena's {@code ExecutionParameters}: SQL literals such as {@code '2026-11-20'} or {@code 42}
     * @throws QueryFailure         when the query fails (an unknown table, a type error...)
     * @throws InterruptedException when the thread is interrupted: the query is cancelled
     */
    QueryOutcome run(String sql, String database, List<String> parameters) throws InterruptedException;

    /**
     * One column of a result as {@code GetQueryResults} describes it: its name, its Athena (Trino) type name such as
     * {@code varchar}, {@code bigint} or {@code decimal}, and that type's precision and scale.
     */
    record Column(String name, String type, int precision, int scale) {
    }

    /**
     * @param rows         each value as Athena's {@code VarCharValue} renders it, null for SQL NULL
     * @param bytesScanned the bytes of the files the query read after partition pruning
     */
    record QueryOutcome(List<Column> columns, List<List<String>> rows, long bytesScanned) {
        public QueryOutcome {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A query that failed, with Athena's error category and type (the numbers of {@code AthenaError}) and the message
     * {@code StateChangeReason} shows, such as {@code TABLE_NOT_FOUND: line 1:15: Table '...' does not exist}.
     *
     * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/error-reference.html">Athena error catalog</a>
     */
    final class QueryFailure extends RuntimeException {
        public static final int SYSTEM = 1;
        public static final int USER = 2;
        /** Error types of the catalog used here. */
        public static final int INTERNAL_ERROR = 200;
        public static final int RESULTS_NOT_WRITTEN = 401;
        public static final int USER_ERROR = 1000;
        public static final int DATA_ERROR = 1001;
        public static final int SYNTAX_ERROR = 1006;
        public static final int INVALID_ARGUMENT = 1100;
        public static final int NOT_SUPPORTED = 1200;
        public static final int ENTITY_NOT_FOUND = 1301;
        public static final int FUNCTION_NOT_FOUND = 1303;
        public static final int PERMISSION_ERROR = 1500;

        private final int category;
        private final int type;

        public QueryFailure(int category, int type, String message) {
            super(message, null, false, false);
            this.category = category;
            this.type = type;
        }

        /** A user error (category 2). */
        public static QueryFailure user(int type, String message) {
            return new QueryFailure(USER, type, message);
        }

        public int category() {
            return category;
        }

        public int type() {
            return type;
        }
    }
}
