package io.firelake.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.producer.ProducerRun.ProducerResult;
import io.firelake.producer.send.SendSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The progress line, the final summary, and its JSON form. */
final class Reporting {

    private Reporting() {
    }

    static String progressLine(SendSummary s, long total, Destination destination) {
        String of = total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "";
        String units = destination.deliveryStream() ? "" : String.format(Locale.ROOT, "  %d PUT units",
                s.putPayloadUnits());
        return String.format(Locale.ROOT, "%,d%s delivered  %,.0f rec/s  %.2f MB/s  retries %,d  throttled %,d"
                        + "  failed %,d%s",
                s.delivered(), of, s.recordsPerSecond(), s.megabytesPerSecond(), s.retriedEntries(), s.throttled(),
                s.failed(), units);
    }

    static void printSummary(PrintStream out, ProducerResult result, Destination destination, boolean aggregation) {
        SendSummary s = result.summary();
        out.printf(Locale.ROOT, "%n%s: %,d of %,d records delivered to %s in %.1f s (%,.0f records/s, %.2f MB/s)%n",
                result.complete() ? "Done" : "INCOMPLETE", s.delivered(), s.records(), destination, s.seconds(),
                s.recordsPerSecond(), s.megabytesPerSecond());
        out.printf(Locale.ROOT, "  records by kind:    %s%n", s.recordsByKind());
        if (destination.deliveryStream()) {
            out.printf(Locale.ROOT, "  firehose records:   %,d (Direct PUT, no aggregation) in %,d PutRecordBatch "
                    + "requests%n", s.kinesisRecords(), s.requests());
        } else {
            out.printf(Locale.ROOT, "  kinesis records:    %,d (%,d KPL aggregates; aggregation %s) in %,d PutRecords "
                    + "requests%n", s.kinesisRecords(), s.aggregates(), aggregation ? "on" : "off", s.requests());
            out.printf(Locale.ROOT, "  PUT payload units:  %,d (minimum for these bytes: %,.0f)%n",
                    s.putPayloadUnits(), Math.ceil(s.minimumPutPayloadUnits()));
        }
        out.printf(Locale.ROOT, "  retries:            %,d entries in %,d requests; %,d throttled%n",
                s.retriedEntries(), s.retriedRequests(), s.throttled());
        if (s.failed() > 0) {
            out.printf(Locale.ROOT, "  UNDELIVERABLE:      %,d records: %s%n", s.failed(), s.failuresByCode());
        }
        if (result.abortReason() != null) {
            out.printf(Locale.ROOT, "  ABORTED:            %s%n", result.abortReason());
        }
    }

    /**
     * The summary as JSON: for a delivery stream {@code delivery_stream}, {@code firehose_records} and
     * {@code put_record_batch_requests} in place of {@code stream}, the Kinesis record counts and
     * {@code put_records_requests}.
     */
    static void writeJson(Path file, ProducerResult result, Destination destination, boolean aggregation) {
        SendSummary s = result.summary();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put(destination.deliveryStream() ? "delivery_stream" : "stream", destination.name());
        root.put("complete", result.complete());
        root.put("aborted", result.abortReason());
        root.put("aggregation", aggregation);
        root.put("records", s.records());
        root.put("record_bytes", s.recordBytes());
        root.put("delivered", s.delivered());
        root.put("delivered_bytes", s.deliveredBytes());
        root.put("failed", s.failed());
        ObjectNode kinds = root.putObject("records_by_kind");
        for (Map.Entry<String, Long> entry : s.recordsByKind().entrySet()) {
            kinds.put(entry.getKey(), entry.getValue());
        }
        ObjectNode failures = root.putObject("failures_by_code");
        for (Map.Entry<String, Long> entry : s.failuresByCode().entrySet()) {
            failures.put(entry.getKey(), entry.getValue());
        }
        if (destination.deliveryStream()) {
            root.put("firehose_records", s.kinesisRecords());
            root.put("put_record_batch_requests", s.requests());
        } else {
            root.put("kinesis_records", s.kinesisRecords());
            root.put("kinesis_bytes", s.kinesisBytes());
            root.put("aggregates", s.aggregates());
            root.put("put_payload_units", s.putPayloadUnits());
            root.put("min_put_payload_units", Math.ceil(s.minimumPutPayloadUnits()));
            root.put("put_records_requests", s.requests());
        }
        root.put("retried_entries", s.retriedEntries());
        root.put("retried_requests", s.retriedRequests());
        root.put("throttled", s.throttled());
        root.put("seconds", s.seconds());
        root.put("records_per_second", s.recordsPerSecond());
        root.put("megabytes_per_second", s.megabytesPerSecond());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            mapper.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + file, e);
        }
    }
}
