package io.firelake.transform;

import io.firelake.events.log.JsonLogLine;
import io.firelake.events.log.JsonLogLine.Level;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.KinesisMetadata;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.Failure;

import java.util.List;
import java.util.function.Consumer;

/**
 * One JSON line per failed record ({@code recordId}, {@code code}, {@code field}, {@code shard}, {@code sequence},
 * {@code message}) and one summary line per batch, for CloudWatch Logs Insights and metric filters. Never logs record
 * contents: they may hold personal data, and the raw record is in the error prefix anyway.
 */
final class FailureLog {

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
        sink.accept(JsonLogLine.of(Level.INFO).put("event", "batch_transformed").put("invocationId", invocationId)
                .put("records", results.size()).put("ok", ok).put("dropped", dropped).put("processingFailed", failed)
                .toJson());
    }

    static String failureLine(InputRecord input, Failure failure, String invocationId) {
        KinesisMetadata kinesis = input.kinesis();
        JsonLogLine line = JsonLogLine.of(Level.WARN).put("event", "record_failed").put("recordId", input.recordId())
                .put("code", failure.code().name()).put("field", failure.field())
                .put("shard", kinesis == null ? null : kinesis.shardId())
                .put("sequence", kinesis == null ? null : kinesis.sequenceNumber());
        if (kinesis != null && kinesis.subsequenceNumber() != null) {
            line.put("subsequence", kinesis.subsequenceNumber());
        }
        return line.put("invocationId", invocationId).put("message", failure.message()).toJson();
    }
}
