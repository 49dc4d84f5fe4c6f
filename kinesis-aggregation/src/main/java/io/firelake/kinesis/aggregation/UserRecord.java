package io.firelake.kinesis.aggregation;

import java.util.Arrays;

/**
 * One record as its producer wrote it, recovered from a Kinesis record that may or may not be a KPL aggregate.
 *
 * @param partitionKey      the user record's partition key (for a plain record, the Kinesis record's)
 * @param explicitHashKey   the user record's explicit hash key, or null
 * @param data              the payload
 * @param subSequenceNumber the position inside the aggregate, 0 for a plain record
 * @param aggregated        whether it came out of an aggregate
 */
public record UserRecord(String partitionKey, String explicitHashKey, byte[] data, long subSequenceNumber,
                         boolean aggregated) {

    @Override
    public boolean equals(Object other) {
        return other instanceof UserRecord that
                && partitionKey.equals(that.partitionKey)
                && java.util.Objects.equals(explicitHashKey, that.explicitHashKey)
                && Arrays.equals(data, that.data)
                && subSequenceNumber == that.subSequenceNumber
                && aggregated == that.aggregated;
    }

    @Override
    public int hashCode() {
        return 31 * partitionKey.hashCode() + Arrays.hashCode(data) + Long.hashCode(subSequenceNumber);
    }

    @Override
    public String toString() {
        return "UserRecord[pk=" + partitionKey + ", ehk=" + explicitHashKey + ", bytes=" + data.length
                + ", sub=" + subSequenceNumber + ", aggregated=" + aggregated + "]";
    }
}
