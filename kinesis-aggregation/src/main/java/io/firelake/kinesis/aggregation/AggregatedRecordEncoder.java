package io.firelake.kinesis.aggregation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.firelake.kinesis.aggregation.AggregationFormat.*;

/**
 * Packs user records into one KPL aggregated record, tracking the encoded size as records are added so that a caller
 * can stop at a size boundary (the 25 KB PUT payload unit, or the 1 MiB record limit) before adding.
 *
 * <p>Not thread-safe: one encoder per batch being built. {@link #toBytes()} may be called once the batch is complete;
 * {@link #reset()} makes the encoder reusable.
 *
 * @see AggregationFormat
 */
public final class AggregatedRecordEncoder {

    private record Entry(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data) {
    }

    private final Map<String, Integer> partitionKeys = new LinkedHashMap<>();
    private final Map<String, Integer> explicitHashKeys = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private int messageBytes;

    /** Encoded size of the aggregate (magic, message and digest) if this record were added now. */
    public int sizeIfAdded(String partitionKey, String explicitHashKey, byte[] data) {
        return OVERHEAD_BYTES + messageBytes + addedBytes(partitionKey, explicitHashKey, data.length);
    }

    /** Adds a user record. {@code explicitHashKey} may be null. */
    public void add(String partitionKey, String explicitHashKey, byte[] data) {
        if (partitionKey == null || partitionKey.isEmpty()) {
            throw new IllegalArgumentException("a user record needs a partition key");
        }
        messageBytes += addedBytes(partitionKey, explicitHashKey, data.length);
        int pk = partitionKeys.computeIfAbsent(partitionKey, k -> partitionKeys.size());
        int ehk = explicitHashKey == null ? -1 : explicitHashKeys.computeIfAbsent(explicitHashKey, k -> explicitHashKeys.size());
        entries.add(new Entry(pk, ehk, data.clone()));
    }

    private int addedBytes(String partitionKey, String explicitHashKey, int dataLength) {
        int added = 0;
        Integer pkIndex = partitionKeys.get(partitionKey);
        if (pkIndex == null) {
            pkIndex = partitionKeys.size();
            added += lengthDelimitedSize(FIELD_PARTITION_KEY_TABLE, utf8Length(partitionKey));
        }
        int record = tagSize(RECORD_PARTITION_KEY_INDEX) + varintSize(pkIndex)
                + lengthDelimitedSize(RECORD_DATA, dataLength);
        if (explicitHashKey != null) {
            Integer ehkIndex = explicitHashKeys.get(explicitHashKey);
            if (ehkIndex == null) {
                ehkIndex = explicitHashKeys.size();
                added += lengthDelimitedSize(FIELD_EXPLICIT_HASH_KEY_TABLE, utf8Length(explicitHashKey));
            }
            record += tagSize(RECORD_EXPLICIT_HASH_KEY_INDEX) + varintSize(ehkIndex);
        }
        return added + lengthDelimitedSize(FIELD_RECORDS, record);
    }

    public int count() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Encoded size of the aggregate as it stands. */
    public int sizeBytes() {
        return OVERHEAD_BYTES + messageBytes;
    }

    /** The partition key of the first user record: the one the KPL gives the Kinesis record. */
    public String firstPartitionKey() {
        return partitionKeys.keySet().iterator().next();
    }

    /** The explicit hash key of the first user record, or null. */
    public String firstExplicitHashKey() {
        int index = entries.get(0).explicitHashKeyIndex();
        return index < 0 ? null : explicitHashKeys.keySet().stream().skip(index).findFirst().orElseThrow();
    }

    public byte[] toBytes() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("an aggregate needs at least one record");
        }
        Writer message = new Writer(messageBytes);
        for (String key : partitionKeys.keySet()) {
            message.bytesField(FIELD_PARTITION_KEY_TABLE, key.getBytes(StandardCharsets.UTF_8));
        }
        for (String key : explicitHashKeys.keySet()) {
            message.bytesField(FIELD_EXPLICIT_HASH_KEY_TABLE, key.getBytes(StandardCharsets.UTF_8));
        }
        for (Entry entry : entries) {
            int size = tagSize(RECORD_PARTITION_KEY_INDEX) + varintSize(entry.partitionKeyIndex())
                    + lengthDelimitedSize(RECORD_DATA, entry.data().length);
            if (entry.explicitHashKeyIndex() >= 0) {
                size += tagSize(RECORD_EXPLICIT_HASH_KEY_INDEX) + varintSize(entry.explicitHashKeyIndex());
            }
            message.tag(FIELD_RECORDS, WIRE_LENGTH_DELIMITED);
            message.varint(size);
            message.tag(RECORD_PARTITION_KEY_INDEX, WIRE_VARINT);
            message.varint(entry.partitionKeyIndex());
            if (entry.explicitHashKeyIndex() >= 0) {
                message.tag(RECORD_EXPLICIT_HASH_KEY_INDEX, WIRE_VARINT);
                message.varint(entry.explicitHashKeyIndex());
            }
            message.bytesField(RECORD_DATA, entry.data());
        }
        byte[] body = message.toByteArray();
        MessageDigest md5 = md5();
        byte[] digest = md5.digest(body);
        byte[] out = new byte[MAGIC.length + body.length + digest.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(body, 0, out, MAGIC.length, body.length);
        System.arraycopy(digest, 0, out, MAGIC.length + body.length, digest.length);
        return out;
    }

    public void reset() {
        partitionKeys.clear();
        explicitHashKeys.clear();
        entries.clear();
        messageBytes = 0;
    }

    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static final class Writer extends ByteArrayOutputStream {
        Writer(int capacity) {
            super(Math.max(capacity, 32));
        }

        void tag(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }

        void bytesField(int field, byte[] bytes) {
            tag(field, WIRE_LENGTH_DELIMITED);
            varint(bytes.length);
            write(bytes, 0, bytes.length);
        }
    }
}
