package io.firelake.producer.generate;

import java.util.Arrays;
import java.util.Locale;

/**
 * The faults the simulator can inject, named as the manifest's {@code kind} field names them. Each is a way real
 * producers break records that the rest of the pipeline must route to an error prefix or otherwise handle.
 */
public enum FaultKind {
    /** A JSON object cut short: it does not parse. */
    MALFORMED_JSON(1.0),
    /** Bytes that are not UTF-8 inside a string value. */
    INVALID_UTF8(1.0),
    /** A field whose JSON type does not match the contract (a number for a string, a word for an integer...). */
    WRONG_TYPE(1.0),
    /** A field the contract requires for this event type is absent. */
    MISSING_FIELD(1.0),
    /** A valid event over Firehose's 1,000 KiB record limit (yet within Kinesis' 1 MiB): about 1 MB each. */
    OVERSIZED(0.05),
    /** The very same bytes sent a second time, a few records later. */
    DUPLICATE(1.0),
    /** A valid event whose event time is 1 to 48 hours before it is sent. */
    LATE(1.0);

    /** Share of a combined {@code --fault-rate}: oversized records are costly (1 MB each), so they get less. */
    private final double weight;

    FaultKind(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** The name used on the command line and in the manifest: {@code malformed_json}, {@code late}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FaultKind fromLabel(String label) {
        String normalized = label.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + label + "'; known: "
                        + Arrays.stream(values()).map(FaultKind::label).toList()));
    }
}
