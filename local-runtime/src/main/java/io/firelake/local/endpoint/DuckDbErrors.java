package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.QueryEngine.QueryFailure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error as Athena reports a failed query: Trino's error name, then the reason ({@code StateChangeReason}), with
 * the category and type of Athena's error catalog. Where Trino words it the same way the message is Trino's
 * ({@code COLUMN_NOT_FOUND: Column 'x' cannot be resolved}); otherwise DuckDB's own first line follows the name, as
 * Athena's DuckDB engine reports its errors in DuckDB's words.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/error-reference.html">Athena error catalog</a>
 */
final class DuckDbErrors {

    private static final Pattern COLUMN = Pattern.compile("Referenced column \"?([^\" ]+)\"? not found");
    private static final Pattern FUNCTION = Pattern.compile("(?:Scalar|Aggregate|Table) Function with name \"?([^\" ]+?)\"? does not exist");

    private DuckDbErrors() {
    }

    /** Whether the error is DuckDB's answer to a cancelled statement. */
    static boolean isInterrupt(String message) {
        return message != null && message.startsWith("INTERRUPT");
    }

    static QueryFailure failure(String duckDbMessage) {
        String message = duckDbMessage == null ? "unknown error" : duckDbMessage;
        String line = message.lines().findFirst().orElse(message).strip();
        Matcher column = COLUMN.matcher(line);
        if (line.startsWith("Binder Error") && column.find()) {
            return QueryFailure.user(QueryFailure.SYNTAX_ERROR,
                    "COLUMN_NOT_FOUND: Column '" + column.group(1) + "' cannot be resolved");
        }
        Matcher function = FUNCTION.matcher(line);
        if (line.startsWith("Catalog Error") && function.find()) {
            return QueryFailure.user(QueryFailure.FUNCTION_NOT_FOUND,
                    "FUNCTION_NOT_FOUND: Function '" + function.group(1) + "' not registered");
        }
        if (line.startsWith("Parser Error")) {
            return QueryFailure.user(QueryFailure.NOT_SUPPORTED, "NOT_SUPPORTED: the local engine (DuckDB) cannot "
                    + "run this statement, valid as it is for Athena: " + line);
        }
        if (line.startsWith("Binder Error") && line.contains("No function matches")) {
            return QueryFailure.user(QueryFailure.SYNTAX_ERROR, "FUNCTION_NOT_FOUND: " + line);
        }
        if (line.startsWith("Binder Error")) {
            return QueryFailure.user(QueryFailure.SYNTAX_ERROR, "TYPE_MISMATCH: " + line);
        }
        if (line.startsWith("Conversion Error")) {
            return QueryFailure.user(QueryFailure.DATA_ERROR, "INVALID_CAST_ARGUMENT: " + line);
        }
        if (line.startsWith("Out of Range Error")) {
            return QueryFailure.user(QueryFailure.DATA_ERROR, "NUMERIC_VALUE_OUT_OF_RANGE: " + line);
        }
        if (line.startsWith("Invalid Input Error")) {
            return QueryFailure.user(QueryFailure.INVALID_ARGUMENT, "INVALID_FUNCTION_ARGUMENT: " + line);
        }
        if (line.startsWith("Permission Error")) {
            return QueryFailure.user(QueryFailure.PERMISSION_ERROR, "PERMISSION_DENIED: the local Athena reads the "
                    + "lake's files only: " + line);
        }
        if (line.startsWith("Out of Memory Error")) {
            return new QueryFailure(QueryFailure.SYSTEM, 0, "EXCEEDED_LOCAL_MEMORY_LIMIT: " + line);
        }
        return new QueryFailure(QueryFailure.SYSTEM, QueryFailure.INTERNAL_ERROR, "GENERIC_INTERNAL_ERROR: " + line);
    }
}
