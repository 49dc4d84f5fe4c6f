package io.firelake.local.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.aws.checkpoint.CheckpointFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per shard: the last sequence number whose invocation succeeded, and the open tumbling window with its state (as
 * Lambda keeps them, so a restart neither re-delivers processed records nor loses a window's partial aggregate).
 * In memory, and after every change in aws-base's atomic {@link CheckpointFile} when a file is given (a crash leaves
 * the old or the new checkpoint, never half of one).
 */
final class CheckpointStore {

    record ShardCheckpoint(String sequenceNumber, TumblingWindow window, Map<String, String> state) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CheckpointFile.Codec<Map<String, ShardCheckpoint>> FORMAT = new CheckpointFile.Codec<>() {
        @Override
        public byte[] encode(Map<String, ShardCheckpoint> shards) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode shardsNode = root.putObject("shards");
            new TreeMap<>(shards).forEach((shardId, checkpoint) -> {
                ObjectNode shard = shardsNode.putObject(shardId);
                shard.put("sequenceNumber", checkpoint.sequenceNumber());
                if (checkpoint.window() != null) {
                    shard.put("windowStart", checkpoint.window().startMillis());
                    shard.put("windowEnd", checkpoint.window().endMillis());
                }
                ObjectNode state = shard.putObject("state");
                checkpoint.state().forEach(state::put);
            });
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        }

        @Override
        public Map<String, ShardCheckpoint> decode(byte[] bytes) throws IOException {
            Map<String, ShardCheckpoint> shards = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : JSON.readTree(bytes).path("shards").properties()) {
                JsonNode shard = entry.getValue();
                TumblingWindow window = shard.hasNonNull("windowStart")
                        ? new TumblingWindow(shard.get("windowStart").asLong(), shard.get("windowEnd").asLong())
                        : null;
                Map<String, String> state = new LinkedHashMap<>();
                shard.path("state").properties().forEach(e -> state.put(e.getKey(), e.getValue().asText()));
                String sequence = shard.hasNonNull("sequenceNumber") ? shard.get("sequenceNumber").asText() : null;
                shards.put(entry.getKey(), new ShardCheckpoint(sequence, window, state));
            }
            return shards;
        }
    };

    private final CheckpointFile<Map<String, ShardCheckpoint>> file;
    private final Map<String, ShardCheckpoint> shards = new ConcurrentHashMap<>();

    CheckpointStore(Path file) {
        this.file = file == null ? null : new CheckpointFile<>(file, FORMAT);
        if (this.file != null) {
            this.file.load().ifPresent(shards::putAll);
        }
    }

    ShardCheckpoint get(String shardId) {
        return shards.get(shardId);
    }

    Map<String, ShardCheckpoint> all() {
        return Map.copyOf(shards);
    }

    synchronized void put(String shardId, ShardCheckpoint checkpoint) {
        shards.put(shardId, checkpoint);
        if (file != null) {
            file.save(shards);
        }
    }
}
