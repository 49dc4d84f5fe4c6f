package io.firelake.local.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per shard: the last sequence number whose invocation succeeded, and the open tumbling window with its state (as
 * Lambda keeps them, so a restart neither re-delivers processed records nor loses a window's partial aggregate).
 * In memory, and written to a JSON file after every change when a file is given (write to a temporary file, then an
 * atomic rename: a crash leaves the old or the new checkpoint, never half of one).
 */
final class CheckpointStore {

    record ShardCheckpoint(String sequenceNumber, TumblingWindow window, Map<String, String> state) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, ShardCheckpoint> shards = new ConcurrentHashMap<>();

    CheckpointStore(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            load();
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
            save();
        }
    }

    private void load() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (Map.Entry<String, JsonNode> entry : root.path("shards").properties()) {
                JsonNode shard = entry.getValue();
                TumblingWindow window = shard.hasNonNull("windowStart")
                        ? new TumblingWindow(shard.get("windowStart").asLong(), shard.get("windowEnd").asLong())
                        : null;
                Map<String, String> state = new LinkedHashMap<>();
                shard.path("state").properties().forEach(e -> state.put(e.getKey(), e.getValue().asText()));
                String sequence = shard.hasNonNull("sequenceNumber") ? shard.get("sequenceNumber").asText() : null;
                shards.put(entry.getKey(), new ShardCheckpoint(sequence, window, state));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode shardsNode = root.putObject("shards");
        new java.util.TreeMap<>(shards).forEach((shardId, checkpoint) -> {
            ObjectNode shard = shardsNode.putObject(shardId);
            shard.put("sequenceNumber", checkpoint.sequenceNumber());
            if (checkpoint.window() != null) {
                shard.put("windowStart", checkpoint.window().startMillis());
                shard.put("windowEnd", checkpoint.window().endMillis());
            }
            ObjectNode state = shard.putObject("state");
            checkpoint.state().forEach(state::put);
        });
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
        }
    }
}
