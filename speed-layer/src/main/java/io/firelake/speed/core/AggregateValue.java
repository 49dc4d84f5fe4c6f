package io.firelake.speed.core;

import java.math.BigDecimal;
import java.util.Map;

/** One aggregate's value in a minute item, by its kind: a number, numbers by key, or a distinct-count sketch. */
public sealed interface AggregateValue {

    /** A count, sum, min or max without a dimension. */
    record Amount(BigDecimal value) implements AggregateValue {
    }

    /** A count, sum, min or max by a dimension's values, or a top-k's counts (highest first). */
    record Amounts(Map<String, BigDecimal> values) implements AggregateValue {
    }

    /**
     * A distinct count: the {@link DistinctSketch} image (null for an item written before DataSketches, whose estimate
     * still counts) and its estimate when written.
     */
    record Sketch(byte[] image, long estimate) implements AggregateValue {

        @Override
        public boolean equals(Object other) {
            return other instanceof Sketch that && estimate == that.estimate
                    && java.util.Arrays.equals(image, that.image);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(image) + Long.hashCode(estimate);
        }

        @Override
        public String toString() {
            return "Sketch[estimate=" + estimate + ", " + (image == null ? "no image" : image.length + " bytes") + "]";
        }
    }
}
