package io.firelake.aws.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shards of a stream, every page of ListShards.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html">ListShards</a>
 */
public final class StreamShards {

    private StreamShards() {
    }

    public static List<Shard> list(KinesisClient kinesis, String streamName) {
        List<Shard> shards = new ArrayList<>();
        String nextToken = null;
        do {
            String token = nextToken;
            ListShardsResponse page = token == null
                    ? kinesis.listShards(b -> b.streamName(streamName))
                    : kinesis.listShards(b -> b.nextToken(token)); // the API forbids the stream name with a token
            shards.addAll(page.shards());
            nextToken = page.nextToken();
        } while (nextToken != null);
        return shards;
    }
}
