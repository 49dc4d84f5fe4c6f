package io.firelake.benchmarks.cost;

/**
 * Public AWS list prices, us-east-1, on-demand, in USD, as used by {@link CostModel}, as of 2026-11-22. The pricing
 * pages named on each group render their figures dynamically, so the billing rules (rounding, units) were read on the
 * pages, and the figures were checked against other public sources quoting them; a figure no such source confirmed is
 * marked ASSUMPTION: check it on the page before quoting a bill. Change a price here and rerun {@link CostReport}:
 * nothing else holds a price.
 *
 * <p>Units: 1 KB = 1,024 bytes and 1 GB = 2^30 bytes, as Kinesis bills (its pricing page rounds records "to the
 * nearest 1 KB (1,024 bytes)").
 */
public final class Prices {

    public static final String AS_OF = "2026-11-22";
    public static final String REGION = "us-east-1";

    // https://aws.amazon.com/kinesis/data-streams/pricing/
    /** On-demand stream, per stream-hour. ASSUMPTION (figure not readable on the page here; widely quoted). */
    public static final double KINESIS_ON_DEMAND_STREAM_HOUR = 0.04;
    /** On-demand data in, per GB, each record rounded up to 1 KB (the rounding rule is on the page). ASSUMPTION for the figure. */
    public static final double KINESIS_ON_DEMAND_INGEST_GB = 0.08;
    /** On-demand data retrieved, per GB, per consumer (shared-throughput consumers). ASSUMPTION for the figure. */
    public static final double KINESIS_ON_DEMAND_RETRIEVAL_GB = 0.04;
    /** Provisioned shard, per shard-hour. */
    public static final double KINESIS_SHARD_HOUR = 0.015;
    /** Provisioned, per million PUT payload units (25 KB chunks of a record). */
    public static final double KINESIS_PUT_PAYLOAD_UNITS_MILLION = 0.014;

    // https://aws.amazon.com/firehose/pricing/
    /** Ingestion from a Kinesis stream or Direct PUT, first 500 TB/month, per GB, each record rounded up to 5 KB. */
    public static final double FIREHOSE_INGEST_GB = 0.029;
    /** Format conversion to Parquet/ORC, per GB ingested (in 5 KB increments, as ingestion). */
    public static final double FIREHOSE_FORMAT_CONVERSION_GB = 0.018;
    /** Dynamic partitioning, per GB delivered to S3. ASSUMPTION for the figure. */
    public static final double FIREHOSE_DYNAMIC_PARTITIONING_GB = 0.02;
    /** Dynamic partitioning, per 1,000 S3 objects delivered. ASSUMPTION for the figure. */
    public static final double FIREHOSE_DYNAMIC_PARTITIONING_OBJECTS_THOUSAND = 0.005;

    // https://aws.amazon.com/lambda/pricing/
    /** x86_64 duration, per GB-second. */
    public static final double LAMBDA_GB_SECOND = 0.0000166667;
    /** Requests, per million. */
    public static final double LAMBDA_REQUESTS_MILLION = 0.20;

    // https://aws.amazon.com/s3/pricing/
    /** S3 Standard storage, first 50 TB, per GB-month. ASSUMPTION for the figure (not confirmed here). */
    public static final double S3_STANDARD_GB_MONTH = 0.023;
    /** PUT, COPY, POST, LIST requests, per 1,000. ASSUMPTION for the figure. */
    public static final double S3_PUT_THOUSAND = 0.005;
    /** GET and other requests, per 1,000. ASSUMPTION for the figure. */
    public static final double S3_GET_THOUSAND = 0.0004;

    // https://aws.amazon.com/athena/pricing/
    /** SQL queries, per TB scanned (10 MB minimum per query). */
    public static final double ATHENA_TB_SCANNED = 5.0;
    public static final long ATHENA_MINIMUM_BYTES = 10L * 1024 * 1024;

    // https://aws.amazon.com/dynamodb/pricing/on-demand/
    /** On-demand, per million write request units (after the November 2024 reduction). ASSUMPTION for the figure. */
    public static final double DYNAMODB_WRITE_UNITS_MILLION = 0.625;
    /** Table storage, Standard class, per GB-month. ASSUMPTION for the figure (unused by the model so far). */
    public static final double DYNAMODB_STORAGE_GB_MONTH = 0.25;

    public static final double KB = 1024;
    public static final double GB = 1024.0 * 1024 * 1024;
    public static final double TB = GB * 1024;
    public static final double HOURS_PER_MONTH = 730;

    private Prices() {
    }
}
