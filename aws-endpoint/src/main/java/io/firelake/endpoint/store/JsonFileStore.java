package io.firelake.endpoint.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.firelake.endpoint.json.SdkJson;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lists of SDK model objects kept as JSON files in the data directory, in the services' own wire shapes, each
 * replaced atomically on every change so that the endpoint's resources survive a restart (and a crash) whole.
 */
public final class JsonFileStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public JsonFileStore(Path dir) {
        this.dir = dir;
    }

    public <T> List<T> load(String name, Supplier<? extends SdkBuilder<?, T>> builder) {
        Path file = dir.resolve(name + ".json");
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            JsonNode array = JSON.readTree(file.toFile());
            List<T> out = new ArrayList<>();
            for (JsonNode item : array) {
                out.add(SdkJson.read(item, builder.get()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + " (delete it to start the endpoint's "
                    + name + " afresh): " + e.getMessage(), e);
        }
    }

    public void save(String name, Collection<? extends SdkPojo> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> array.add(SdkJson.write(item)));
        Path file = dir.resolve(name + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), array);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
