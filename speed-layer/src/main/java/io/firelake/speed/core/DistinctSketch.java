package io.firelake.speed.core;

import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

import java.util.Arrays;

/**
 * Distinct strings (session ids), counted with Apache DataSketches' HyperLogLog ({@link HllSketch}): the one place
 * that fixes its configuration, so the Lambda that writes sketches and the reader that merges them agree.
 *
 * <p>{@code lgK = 11} (2,048 buckets, the precision of the hand-written sketch it replaced) and {@code HLL_8} (one byte
 * per bucket: the fastest updates). A small set is stored as a list of its 4-byte coupons, so a quiet minute's
 * sketch takes 4 bytes a session (100 sessions: 412 bytes) instead of 2 KiB; a large one takes 2,088 bytes (2,048
 * buckets and a 40-byte preamble).
 * Sketches merge (a {@link Union}), so the reader combines shards, windows and minutes into the distinct sessions of
 * any range without counting a session twice.
 *
 * <p>Error: relative standard error {@link #RELATIVE_STANDARD_ERROR} = 1.04 / sqrt(2048), about 2.3 %, for a merged
 * sketch (about 1.8 % for one built by updates only, whose HIP estimator is kept through serialisation); small counts
 * are exact or nearly so. {@link #upperBound}/{@link #lowerBound} give DataSketches' own bounds.
 *
 * @see <a href="https://datasketches.apache.org/docs/HLL/HllSketches.html">DataSketches HyperLogLog sketches</a>
 * @see <a href="https://apache.github.io/datasketches-java/6.2.0/org/apache/datasketches/hll/HllSketch.html">HllSketch
 *      6.2.0</a>
 */
public final class DistinctSketch {

    public static final int LG_K = 11;
    public static final TgtHllType TYPE = TgtHllType.HLL_8;
    /** The documented relative standard error of a merged sketch, 1.04 / sqrt(2^lgK). */
    public static final double RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(1 << LG_K);

    private HllSketch sketch;

    public DistinctSketch() {
        this(new HllSketch(LG_K, TYPE));
    }

    private DistinctSketch(HllSketch sketch) {
        this.sketch = sketch;
    }

    /** The sketch in a serialised image; throws {@link IllegalArgumentException} when the bytes are not one. */
    public static DistinctSketch fromBytes(byte[] image) {
        HllSketch sketch;
        try {
            sketch = HllSketch.heapify(image);
        } catch (SketchesException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a DataSketches HLL image: " + e.getMessage(), e);
        }
        if (sketch.getLgConfigK() != LG_K) {
            throw new IllegalArgumentException("an HLL sketch of lgK " + sketch.getLgConfigK() + ", not " + LG_K);
        }
        return new DistinctSketch(sketch);
    }

    public void add(String value) {
        sketch.update(value);
    }

    /** For tests that need many distinct values fast. */
    void add(long value) {
        sketch.update(value);
    }

    /** Adds the other sketch's values to this one. */
    public void merge(DistinctSketch other) {
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TYPE);
    }

    public long estimate() {
        return Math.round(sketch.getEstimate());
    }

    /** The upper bound of the estimate at this many standard deviations (1 to 3). */
    public double upperBound(int standardDeviations) {
        return sketch.getUpperBound(standardDeviations);
    }

    public double lowerBound(int standardDeviations) {
        return sketch.getLowerBound(standardDeviations);
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** The compact serialised image, for the window state and the minute items. */
    public byte[] toBytes() {
        return sketch.toCompactByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DistinctSketch that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }
}
