package io.firelake.transform.enrich;

/**
 * A cache key for long strings made fresh for every record (user agents, referrers): its hash reads the length and at
 * most 16 characters spread over the text instead of all of them. {@code String.hashCode} walks every character of a
 * new string (Java 17 does not vectorise it), which was most of a user-agent cache hit, a tenth of the transform's core
 * (issue 19). Equality is the text's; texts that differ only between the sampled characters share a bucket.
 */
record SampledKey(String text) {

    private static final int SAMPLES = 16;

    @Override
    public int hashCode() {
        int n = text.length();
        int h = n;
        int step = Math.max(1, n / SAMPLES);
        for (int i = n - 1; i >= 0; i -= step) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampledKey key && text.equals(key.text);
    }
}
