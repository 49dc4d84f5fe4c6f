package io.firelake.transform.enrich;

import java.util.Locale;

/** Where a visit came from, as the enriched schema's {@code referrer_class} spells it. */
public enum ReferrerClass {
    DIRECT, SEARCH, SOCIAL, INTERNAL, OTHER;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** The lake's spelling: lower case. */
    public String value() {
        return value;
    }
}
