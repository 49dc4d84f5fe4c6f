package io.firelake.local.firehose;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.aws.checkpoint.CheckpointFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last fully delivered sequence number of each shard, in a JSON object by shard id, kept in aws-base's atomic
 * {@link CheckpointFile}, so that a restart resumes right after it.
 */
public final class CheckpointStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CheckpointFile.Codec<Map<String, String>> FORMAT = new CheckpointFile.Codec<>() {
        @Override
        public byte[] encode(Map<String, String> checkpoints) throws IOException {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(checkpoints));
        }

        @Override
        public Map<String, String> decode(byte[] bytes) throws IOException {
            return JSON.readValue(bytes, new TypeReference<Map<String, String>>() {
            });
        }
    };

    private final CheckpointFile<Map<String, String>> file;

    public CheckpointStore(Path file) {
        this.file = new CheckpointFile<>(file, FORMAT);
    }

    public Map<String, String> load() {
        return file.load().orElse(Map.of());
    }

    public void save(Map<String, String> checkpoints) {
        file.save(checkpoints);
    }

    public Path file() {
        return file.file();
    }
}
