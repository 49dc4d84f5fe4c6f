package io.firelake.kinesis.aggregation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.firelake.kinesis.aggregation.AggregationFormat.*;

/**
 * Recovers the user records from a Kinesis record. As the KCL does, a record is treated as an aggregate only when it
 * starts with the magic bytes and its MD5 trailer matches; anything else is one plain user record, so a producer that
 * does not aggregate is read unchanged.
 *
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-consumer-deaggregation.html">Consumer de-aggregation</a>
 */
public final class Deaggregator {

    private Deaggregator() {
    }

    /** Whether these bytes are a well-formed aggregate (magic bytes and matching digest). */
    public static boolean isAggregated(byte[] data) {
        if (data.length < OVERHEAD_BYTES || !startsWithMagic(data)) {
            return false;
        }
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, data.length - OVERHEAD_BYTES);
        byte[] digest = md5.digest();
        return Arrays.equals(digest, 0, DIGEST_LENGTH, data, data.length - DIGEST_LENGTH, data.length);
    }

    /**
     * The user records of one Kinesis record.
     *
     * @param data            the Kinesis record's data
     * @param partitionKey    the Kinesis record's partition key (used for a plain record)
     * @param explicitHashKey the Kinesis record's explicit hash key, or null
     * @throws InvalidAggregateException when the digest matches but the message is corrupt
     */
    public static List<UserRecord> deaggregate(byte[] data, String partitionKey, String explicitHashKey) {
        if (!isAggregated(data)) {
            return List.of(new UserRecord(partitionKey, explicitHashKey, data, 0, false));
        }
        Reader reader = new Reader(data, MAGIC.length, data.length - DIGEST_LENGTH);
        List<String> partitionKeys = new ArrayList<>();
        List<String> explicitHashKeys = new ArrayList<>();
        List<int[]> records = new ArrayList<>();
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case FIELD_PARTITION_KEY_TABLE -> partitionKeys.add(reader.string(wireType));
                case FIELD_EXPLICIT_HASH_KEY_TABLE -> explicitHashKeys.add(reader.string(wireType));
                case FIELD_RECORDS -> records.add(reader.lengthDelimited(wireType));
                default -> reader.skip(wireType);
            }
        }
        List<UserRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            int[] bounds = records.get(i);
            out.add(readRecord(new Reader(data, bounds[0], bounds[1]), partitionKeys, explicitHashKeys, i));
        }
        return out;
    }

    private static UserRecord readRecord(Reader reader, List<String> partitionKeys, List<String> explicitHashKeys,
                                         int subSequence) {
        long pkIndex = -1;
        long ehkIndex = -1;
        byte[] payload = null;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case RECORD_PARTITION_KEY_INDEX -> pkIndex = reader.expectVarint(wireType);
                case RECORD_EXPLICIT_HASH_KEY_INDEX -> ehkIndex = reader.expectVarint(wireType);
                case RECORD_DATA -> {
                    int[] bounds = reader.lengthDelimited(wireType);
                    payload = Arrays.copyOfRange(reader.bytes, bounds[0], bounds[1]);
                }
                default -> reader.skip(wireType); // tags: not used by firelake
            }
        }
        if (pkIndex < 0 || pkIndex >= partitionKeys.size() || payload == null) {
            throw new InvalidAggregateException("user record " + subSequence + " lacks a valid partition key index or data");
        }
        if (ehkIndex >= explicitHashKeys.size()) {
            throw new InvalidAggregateException("user record " + subSequence + " has an explicit hash key index out of range");
        }
        String ehk = ehkIndex < 0 ? null : explicitHashKeys.get((int) ehkIndex);
        return new UserRecord(partitionKeys.get((int) pkIndex), ehk, payload, subSequence, true);
    }

    private static boolean startsWithMagic(byte[] data) {
        return Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int limit;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.position = from;
            this.limit = to;
        }

        boolean hasMore() {
            return position < limit;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= limit) {
                    throw new InvalidAggregateException("truncated varint");
                }
                byte b = bytes[position++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new InvalidAggregateException("varint longer than 10 bytes");
        }

        long expectVarint(int wireType) {
            if (wireType != WIRE_VARINT) {
                throw new InvalidAggregateException("expected a varint, found wire type " + wireType);
            }
            return varint();
        }

        int[] lengthDelimited(int wireType) {
            if (wireType != WIRE_LENGTH_DELIMITED) {
                throw new InvalidAggregateException("expected a length-delimited field, found wire type " + wireType);
            }
            long length = varint();
            if (length < 0 || length > limit - position) {
                throw new InvalidAggregateException("field length " + length + " runs past the message");
            }
            int start = position;
            position += (int) length;
            return new int[] {start, position};
        }

        String string(int wireType) {
            int[] bounds = lengthDelimited(wireType);
            return new String(bytes, bounds[0], bounds[1] - bounds[0], StandardCharsets.UTF_8);
        }

        void skip(int wireType) {
            switch (wireType) {
                case WIRE_VARINT -> varint();
                case WIRE_FIXED64 -> advance(8);
                case WIRE_LENGTH_DELIMITED -> lengthDelimited(wireType);
                case WIRE_FIXED32 -> advance(4);
                default -> throw new InvalidAggregateException("unsupported wire type " + wireType);
            }
        }

        private void advance(int n) {
            if (n > limit - position) {
                throw new InvalidAggregateException("truncated field");
            }
            position += n;
        }
    }
}
