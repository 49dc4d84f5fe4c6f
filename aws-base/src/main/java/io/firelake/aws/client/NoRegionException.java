package io.firelake.aws.client;

/**
 * No region on the command line, in the environment or in the AWS config file: a mistake in how the command was run,
 * which a command line reports as a usage error (one line, exit 2), not as a failure with a stack trace.
 *
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html">AWS SDKs: the region setting</a>
 */
public final class NoRegionException extends IllegalArgumentException {

    NoRegionException(Throwable cause) {
        super("no AWS region configured: pass --region REGION or set AWS_REGION (or a region in ~/.aws/config)",
                cause);
    }

    /** The one in this exception's causes (or the exception itself), if any: a command line's error handler asks. */
    public static java.util.Optional<NoRegionException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoRegionException noRegion) {
                return java.util.Optional.of(noRegion);
            }
        }
        return java.util.Optional.empty();
    }
}
