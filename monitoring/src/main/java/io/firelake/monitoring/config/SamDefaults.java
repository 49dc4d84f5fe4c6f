package io.firelake.monitoring.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Defaults of sam/template.yaml's Parameters: the pipeline's settings have one home, and monitoring's defaults
 * (stream names, the S3 buffer interval) come from it. A line reader, enough for the flat Parameters block.
 */
public final class SamDefaults {
    public static final Path DEFAULT_TEMPLATE = Path.of("sam", "template.yaml");
    public static final String DEFAULT_STREAM_NAME = "firelake-events";
    public static final String DEFAULT_DELIVERY_STREAM_NAME = "firelake-delivery";
    public static final int DEFAULT_S3_BUFFER_INTERVAL_SECONDS = 300;

    private final Map<String, String> defaults;

    private SamDefaults(Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    /** The template's defaults, or none when the file is not there (a jar run outside the repository). */
    public static SamDefaults load(Path template) {
        if (!Files.isRegularFile(template)) {
            return new SamDefaults(Map.of());
        }
        try {
            return parse(Files.readAllLines(template));
        } catch (IOException unreadable) {
            return new SamDefaults(Map.of());
        }
    }

    static SamDefaults parse(List<String> lines) {
        Map<String, String> defaults = new HashMap<>();
        boolean inParameters = false;
        String current = null;
        for (String line : lines) {
            if (!line.startsWith(" ") && !line.isBlank() && !line.startsWith("#")) {
                inParameters = line.startsWith("Parameters:");
                current = null;
                continue;
            }
            if (!inParameters) {
                continue;
            }
            String trimmed = line.trim();
            if (line.startsWith("  ") && !line.startsWith("   ") && trimmed.endsWith(":")) {
                current = trimmed.substring(0, trimmed.length() - 1);
            } else if (current != null && trimmed.startsWith("Default:")) {
                String value = trimmed.substring("Default:".length()).trim();
                if (value.length() >= 2 && (value.startsWith("'") || value.startsWith("\""))) {
                    value = value.substring(1, value.length() - 1);
                }
                defaults.put(current, value);
            }
        }
        return new SamDefaults(defaults);
    }

    public Optional<String> get(String parameter) {
        return Optional.ofNullable(defaults.get(parameter));
    }

    public String streamName() {
        return get("StreamName").orElse(DEFAULT_STREAM_NAME);
    }

    public String deliveryStreamName() {
        return get("DeliveryStreamName").orElse(DEFAULT_DELIVERY_STREAM_NAME);
    }

    public int s3BufferIntervalSeconds() {
        return get("S3BufferIntervalSeconds").map(Integer::parseInt).orElse(DEFAULT_S3_BUFFER_INTERVAL_SECONDS);
    }
}
