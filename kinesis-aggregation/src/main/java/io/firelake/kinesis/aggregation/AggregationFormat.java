package io.firelake.kinesis.aggregation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constants of the KPL aggregated record format: 4 magic bytes, a protobuf {@code AggregatedRecord}, and the MD5 of
 * the protobuf bytes.
 *
 * <pre>
 * message AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                            repeated Record records = 3; }
 * message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *                  required bytes data = 3; repeated Tag tags = 4; }
 * </pre>
 *
 * @see <a href="https://github.com/awslabs/amazon-kinesis-producer/blob/master/aggregation-format.md">KPL aggregation format</a>
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-concepts.html">KPL key concepts: aggregation</a>
 */
public final class AggregationFormat {

    /** The bytes every aggregated record starts with. */
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    static final int DIGEST_LENGTH = 16;

    static final int FIELD_PARTITION_KEY_TABLE = 1;
    static final int FIELD_EXPLICIT_HASH_KEY_TABLE = 2;
    static final int FIELD_RECORDS = 3;
    static final int RECORD_PARTITION_KEY_INDEX = 1;
    static final int RECORD_EXPLICIT_HASH_KEY_INDEX = 2;
    static final int RECORD_DATA = 3;
    static final int RECORD_TAGS = 4;

    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    /** Kinesis' default maximum record size: an aggregate, partition key included, must stay within it. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Bytes the format adds around the protobuf message. */
    public static final int OVERHEAD_BYTES = MAGIC.length + DIGEST_LENGTH;

    private AggregationFormat() {
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide MD5", e);
        }
    }

    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    static int lengthDelimitedSize(int field, int length) {
        return tagSize(field) + varintSize(length) + length;
    }
}
