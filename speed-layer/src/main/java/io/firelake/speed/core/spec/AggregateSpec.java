package io.firelake.speed.core.spec;

/**
 * One declared aggregate, kept per event-time minute and stored under its name.
 *
 * @param name    the aggregate's name: its DynamoDB attribute and its key in the window state
 * @param kind    what it computes
 * @param field   the field it reads (sum, min, max, distinct, top_k); null for count
 * @param times   a second numeric field the value is multiplied by (sum only: price x quantity); null for none
 * @param by      the dimension: one value per distinct value of this field; null for a single value
 * @param where   only events matching this condition count; null for all
 * @param k       top_k: the values kept (Space-Saving)
 * @param maxKeys with a {@code by} field that is not an enum: the most keys kept, further ones summed under OTHER
 */
public record AggregateSpec(String name, Kind kind, String field, String times, String by, Condition where, int k,
                            int maxKeys) {

    /** The key further values of a {@code by} dimension are summed under once {@code max_keys} are kept. */
    public static final String OTHER_KEY = "OTHER";

    public enum Kind {
        COUNT, SUM, MIN, MAX, DISTINCT, TOP_K;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
