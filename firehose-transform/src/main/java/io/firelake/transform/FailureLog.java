package io.firelake.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.KinesisMetadata;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.Failure;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One JSON line per failed record ({@code recordId}, {@code code}, {@code field}, {@code shard}, {@code sequence},
 * {@code message}) and one summary line per batch, for CloudWatch Logs Insights and metric filters. Never logs record
 * contents: they may hold personal data, and the raw record is in the error prefix anyway.
 */
final class FailureLog {

    private static final JsonFactory JSON = new JsonFactory();

    private FailureLog() {
    }

    static void log(List<InputRecord> inputs, List<TransformResult> results, String invocationId, Consumer<String> sink) {
        int ok = 0;
        int dropped = 0;
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            TransformResult result = results.get(i);
            if (result instanceof TransformResult.Ok) {
                ok++;
            } else if (result instanceof TransformResult.Dropped) {
                dropped++;
            } else if (result instanceof TransformResult.ProcessingFailed pf) {
                failed++;
                sink.accept(failureLine(inputs.get(i), pf.failure(), invocationId));
            }
        }
        int okCount = ok;
        int droppedCount = dropped;
        int failedCount = failed;
        sink.accept(line(g -> {
            g.writeStringField("level", "INFO");
            g.writeStringField("event", "batch_transformed");
            g.writeStringField("invocationId", invocationId);
            g.writeNumberField("records", results.size());
            g.writeNumberField("ok", okCount);
            g.writeNumberField("dropped", droppedCount);
            g.writeNumberField("processingFailed", failedCount);
        }));
    }

    static String failureLine(InputRecord input, Failure failure, String invocationId) {
        KinesisMetadata kinesis = input.kinesis();
        return line(g -> {
            g.writeStringField("level", "WARN");
            g.writeStringField("event", "record_failed");
            g.writeStringField("recordId", input.recordId());
            g.writeStringField("code", failure.code().name());
            g.writeStringField("field", failure.field());
            g.writeStringField("shard", kinesis == null ? null : kinesis.shardId());
            g.writeStringField("sequence", kinesis == null ? null : kinesis.sequenceNumber());
            if (kinesis != null && kinesis.subsequenceNumber() != null) {
                g.writeNumberField("subsequence", kinesis.subsequenceNumber());
            }
            g.writeStringField("invocationId", invocationId);
            g.writeStringField("message", failure.message());
        });
    }

    static String line(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
