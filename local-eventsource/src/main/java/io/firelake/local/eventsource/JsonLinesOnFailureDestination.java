package io.firelake.local.eventsource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends one JSON line per discarded batch to a file (the local stand-in for an SQS or SNS on-failure destination). */
public final class JsonLinesOnFailureDestination implements OnFailureDestination {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public JsonLinesOnFailureDestination(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void discarded(DiscardedBatch batch) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", batch.timestamp().toString());
        ObjectNode context = line.putObject("requestContext");
        context.put("condition", batch.condition());
        context.put("errorMessage", batch.errorMessage());
        ObjectNode info = line.putObject("KinesisBatchInfo");
        info.put("shardId", batch.shardId());
        info.put("startSequenceNumber", batch.startSequenceNumber());
        info.put("endSequenceNumber", batch.endSequenceNumber());
        info.put("approximateArrivalOfFirstRecord", batch.approximateArrivalOfFirstRecord().toString());
        info.put("approximateArrivalOfLastRecord", batch.approximateArrivalOfLastRecord().toString());
        info.put("batchSize", batch.batchSize());
        info.put("streamArn", batch.streamArn());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
