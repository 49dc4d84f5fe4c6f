package io.firelake.events.yaml;

/** Text that {@link YamlTree} cannot read: the line (0 when unknown) and, for a key that appears twice, that key. */
public final class YamlException extends RuntimeException {

    private final int line;
    private final String duplicateKey;
    private final String problem;

    YamlException(int line, String duplicateKey, String problem) {
        super((line > 0 ? line + ": " : "") + problem);
        this.line = line;
        this.duplicateKey = duplicateKey;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    /** The key that appears twice in one mapping, or null when the text is not YAML at all. */
    public String duplicateKey() {
        return duplicateKey;
    }

    /** What is wrong, without the line: the YAML parser's own words, or {@code Duplicate field 'name'}. */
    public String problem() {
        return problem;
    }
}
