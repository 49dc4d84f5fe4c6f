package io.firelake.producer.send;

import java.math.BigInteger;

/**
 * An open shard and the hash key range it owns; a record goes to the shard whose range holds the MD5 of its partition
 * key (as a 128-bit unsigned integer), or its explicit hash key.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_HashKeyRange.html">HashKeyRange</a>
 */
public record ShardRange(String shardId, BigInteger startingHashKey, BigInteger endingHashKey) {

    public boolean contains(BigInteger hashKey) {
        return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
    }
}
