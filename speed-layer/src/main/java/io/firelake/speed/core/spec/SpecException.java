package io.firelake.speed.core.spec;

/**
 * A speed-layer.yaml that cannot be used, with the file, line and field it is about, so a data engineer can fix it
 * without reading Java: {@code contracts/iot/speed-layer.yaml:14: aggregates.temps.field: no field 'temp' ...}.
 */
public final class SpecException extends RuntimeException {

    private final String source;
    private final int line;
    private final String field;

    public SpecException(String source, int line, String field, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    /** The dotted path of the setting, such as {@code aggregates.revenue.field}; null for the whole file. */
    public String field() {
        return field;
    }
}
