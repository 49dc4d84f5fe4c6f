package io.firelake.config.layout;

import java.util.List;
import java.util.Locale;

/**
 * The lake bucket's top-level prefixes, the same on S3 and on disk (S3Proxy keeps object {@code <bucket>/<key>} as a
 * file): Firehose writes {@code raw/} (its Parquet, by the contract's partition keys: {@link #firehosePrefix}) and
 * {@code errors/} (its error documents, by error output type), the heads of the SAM template's RawPrefix and
 * ErrorPrefix (a test checks they agree); the Glue jobs write {@code curated/} (compacted and de-duplicated, by the
 * contract's day) and {@code views/<table>/};
 * the Athena tables and the monitoring read them. {@code state/} holds the Glue jobs' own bookkeeping (what the last
 * successful run processed), which no table reads.
 */
public enum LakePrefix {
    RAW, CURATED, VIEWS, ERRORS, STATE;

    /** The prefix as a key segment, without its slash: {@code raw}, {@code curated}, {@code views}, {@code errors}, {@code state}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Firehose's S3 prefix for objects under this prefix partitioned by {@code partitionKeys}, in order, each one's
     * value taken from the transform's {@code metadata.partitionKeys} (dynamic partitioning):
     * {@code raw/event_date=!{partitionKeyFromLambda:event_date}/event_hour=!{partitionKeyFromLambda:event_hour}/}.
     *
     * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html">Dynamic partitioning</a>
     */
    public String firehosePrefix(List<String> partitionKeys) {
        StringBuilder prefix = new StringBuilder(key()).append('/');
        partitionKeys.forEach(k -> prefix.append(k).append("=!{partitionKeyFromLambda:").append(k).append("}/"));
        return prefix.toString();
    }

    /** {@code s3://bucket/prefix/}, as Glue table locations and Firehose configurations name a prefix. */
    public String uri(String bucket) {
        return "s3://" + bucket + "/" + key() + "/";
    }
}
