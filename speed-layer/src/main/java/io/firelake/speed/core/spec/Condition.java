package io.firelake.speed.core.spec;

import java.util.List;

/** "The field has one of these values": the {@code where} of an aggregate and the {@code required_when} of a field. */
public record Condition(String field, List<String> values) {

    public Condition {
        values = List.copyOf(values);
    }
}
