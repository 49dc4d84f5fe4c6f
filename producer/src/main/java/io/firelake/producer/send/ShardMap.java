package io.firelake.producer.send;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * Predicts the shard of a partition key the way Kinesis does (MD5 of the key, as an unsigned 128-bit integer, within a
 * shard's hash key range). The sender aggregates records per predicted shard and gives each aggregate an explicit
 * hash key inside that shard, so aggregates spread over the shards as the sessions do and a session stays on the one
 * shard its key maps to.
 */
public final class ShardMap {

    private final List<ShardRange> shards;
    private final String[] explicitHashKeys;

    public ShardMap(List<ShardRange> openShards) {
        if (openShards.isEmpty()) {
            throw new IllegalArgumentException("a shard map needs at least one open shard");
        }
        this.shards = openShards.stream().sorted(Comparator.comparing(ShardRange::startingHashKey)).toList();
        this.explicitHashKeys = shards.stream().map(s -> s.startingHashKey().toString()).toArray(String[]::new);
    }

    public int size() {
        return shards.size();
    }

    public ShardRange shard(int index) {
        return shards.get(index);
    }

    /** An explicit hash key that lands in shard {@code index}: its starting hash key. */
    public String explicitHashKey(int index) {
        return explicitHashKeys[index];
    }

    /** Index of the shard this partition key maps to. */
    public int shardIndexOf(String partitionKey) {
        BigInteger hash = hashKey(partitionKey);
        int low = 0;
        int high = shards.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            ShardRange shard = shards.get(middle);
            if (hash.compareTo(shard.startingHashKey()) < 0) {
                high = middle - 1;
            } else if (hash.compareTo(shard.endingHashKey()) > 0) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        // A gap in the ranges (a stream being resharded): any shard will do, the record is only grouped by it.
        return Math.min(low, shards.size() - 1);
    }

    public static BigInteger hashKey(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide MD5", e);
        }
    }
}
