package io.firelake.producer.send;

/**
 * The API a {@link RecordSink} writes with, as far as the sender must know it: the limits a request is built within,
 * whether records carry partition keys (counted in the sizes, and limited in length), and whether the consumers
 * de-aggregate KPL aggregates (so that the sender may pack records into them). The sender keeps every request within
 * both these limits and its own {@link SenderSettings}.
 *
 * @param operation            the API's name, for messages: {@code PutRecords}, {@code PutRecordBatch}
 * @param maxRecordsPerRequest records per request
 * @param maxRequestBytes      bytes per request, partition keys included when the API has them
 * @param maxRecordBytes       bytes per record, its partition key included when the API has one
 * @param partitionKeys        records carry a partition key of 1 to
 *                             {@value PutRecordsBatchBuilder#DEFAULT_MAX_PARTITION_KEY_LENGTH} characters
 * @param aggregation          the records' consumers read KPL aggregates (Firehose and the KCL from a Kinesis stream;
 *                             not Firehose Direct PUT, which stores each record as it is)
 */
public record PutApi(String operation, int maxRecordsPerRequest, int maxRequestBytes, int maxRecordBytes,
                     boolean partitionKeys, boolean aggregation) {

    /** A PutRecordBatch call takes at most 500 records. */
    public static final int DEFAULT_FIREHOSE_MAX_RECORDS_PER_CALL = 500;
    /** A PutRecordBatch call takes at most 4 MiB of record data. */
    public static final int DEFAULT_FIREHOSE_MAX_CALL_BYTES = 4 * 1024 * 1024;
    /** A Firehose record is at most 1,000 KiB before base64 encoding. */
    public static final int DEFAULT_FIREHOSE_MAX_RECORD_BYTES = 1000 * 1024;

    /**
     * Kinesis Data Streams' PutRecords: 500 entries and 5 MiB a request, 1 MiB a record, partition keys counted.
     *
     * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
     */
    public static final PutApi KINESIS_PUT_RECORDS = new PutApi("PutRecords",
            PutRecordsBatchBuilder.DEFAULT_MAX_RECORDS_PER_REQUEST, PutRecordsBatchBuilder.DEFAULT_MAX_REQUEST_BYTES,
            PutRecordsBatchBuilder.DEFAULT_MAX_RECORD_BYTES, true, true);

    /**
     * Firehose's PutRecordBatch into a Direct PUT delivery stream: {@value #DEFAULT_FIREHOSE_MAX_RECORDS_PER_CALL}
     * records and 4 MiB a call, 1,000 KiB a record, no partition keys, no de-aggregation.
     *
     * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
     * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html">Record: Data, at most 1,000 KiB</a>
     * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas</a>
     */
    public static final PutApi FIREHOSE_PUT_RECORD_BATCH = new PutApi("PutRecordBatch",
            DEFAULT_FIREHOSE_MAX_RECORDS_PER_CALL, DEFAULT_FIREHOSE_MAX_CALL_BYTES, DEFAULT_FIREHOSE_MAX_RECORD_BYTES,
            false, false);

    public PutApi {
        if (maxRecordsPerRequest < 1 || maxRecordBytes < 1 || maxRequestBytes < maxRecordBytes) {
            throw new IllegalArgumentException("inconsistent limits for " + operation);
        }
    }

    /** What the API counts of a record against its limits: the data, plus the UTF-8 partition key if it has one. */
    public int recordBytes(byte[] data, String partitionKey) {
        return partitionKeys ? PutRecordsBatchBuilder.entryBytes(data, partitionKey) : data.length;
    }
}
