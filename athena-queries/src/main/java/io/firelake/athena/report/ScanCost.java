package io.firelake.athena.report;

/**
 * Athena's price of a query: 5 USD per TB scanned, each query rounded up to the next megabyte with a 10 MB minimum.
 * A TB is taken as 2^40 bytes.
 *
 * @see <a href="https://aws.amazon.com/athena/pricing/">Athena pricing</a>
 */
public record ScanCost(long bytesScanned, long bytesBilled, double dollars) {

    public static final double DEFAULT_USD_PER_TB = 5.0;
    public static final long MEGABYTE = 1L << 20;
    public static final long DEFAULT_MINIMUM_BYTES = 10 * MEGABYTE;
    public static final double TERABYTE = Math.pow(2, 40);

    public static ScanCost of(long bytesScanned) {
        long roundedUp = ((bytesScanned + MEGABYTE - 1) / MEGABYTE) * MEGABYTE;
        long billed = Math.max(DEFAULT_MINIMUM_BYTES, roundedUp);
        return new ScanCost(bytesScanned, billed, billed / TERABYTE * DEFAULT_USD_PER_TB);
    }
}
