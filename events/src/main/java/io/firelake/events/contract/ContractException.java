package io.firelake.events.contract;

import io.firelake.events.schema.SchemaException;

/**
 * A contract folder that cannot be used, with the place to fix it: {@code contract.yaml:12: enrichments.url_host.from:
 * raw field 'page_uri' is not in clickstream-raw.avsc}.
 */
public final class ContractException extends SchemaException {

    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    public ContractException(String file, int line, String field, String problem) {
        super(describe(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String describe(String file, int line, String field, String problem) {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(':').append(line);
        }
        where.append(": ");
        if (field != null && !field.isEmpty()) {
            where.append(field).append(": ");
        }
        return where.append(problem).toString();
    }

    /** The file of the contract folder at fault. */
    public String file() {
        return file;
    }

    /** Its 1-based line, or 0 when the problem is the whole file. */
    public int line() {
        return line;
    }

    /** The dotted path of the field at fault ({@code enrichments.url_host.from}), or empty. */
    public String field() {
        return field;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
