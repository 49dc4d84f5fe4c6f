package io.firelake.config.layout;

/**
 * The lake bucket and its top-level prefixes, the same on S3 and on disk (S3Proxy keeps object {@code <bucket>/<key>}
 * as a file): Firehose writes {@code raw/} and {@code errors/} (the heads of the SAM template's RawPrefix and
 * ErrorPrefix, a test checks they agree), the Glue jobs write {@code curated/} and {@code views/<table>/}, and the
 * Athena tables and the monitoring read them.
 */
public final class LakeBucket {

    /** The local lake's bucket; on AWS the SAM stack names its own. */
    public static final String NAME = "firelake-lake";
    /** Firehose's Parquet, partitioned by event_date and event_hour. */
    public static final String RAW = "raw";
    /** Compacted and de-duplicated by the Glue job, partitioned by event_date. */
    public static final String CURATED = "curated";
    /** The batch views, one prefix per table. */
    public static final String VIEWS = "views";
    /** Firehose's error documents, by error output type. */
    public static final String ERRORS = "errors";

    private LakeBucket() {
    }

    /** {@code s3://bucket/prefix/}, as Glue table locations and Firehose configurations name a prefix. */
    public static String uri(String bucket, String prefix) {
        return "s3://" + bucket + "/" + prefix + "/";
    }
}
