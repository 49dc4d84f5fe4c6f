package io.firelake.events.schema;

/** A nested record's sub-field that firelake cannot use, with its dotted path ({@code location.floor}) to point at. */
public final class SubFieldException extends SchemaException {

    private final String path;
    private final String problem;

    public SubFieldException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }

    /** The field and sub-field, dotted: {@code location.floor}. */
    public String path() {
        return path;
    }
}
