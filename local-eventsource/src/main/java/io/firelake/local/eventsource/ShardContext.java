package io.firelake.local.eventsource;

import java.time.Clock;
import java.util.function.Consumer;

/** What every part of one shard's poller shares: which shard, the mapping's settings, the function and where to log. */
record ShardContext(String shardId, EventSourceMappingConfig config, LambdaFunction function, KinesisEventJson events,
                    OnFailureDestination onFailure, Clock clock, Consumer<String> log) {

    void log(String line) {
        log.accept("shard " + shardId + ": " + line);
    }
}
