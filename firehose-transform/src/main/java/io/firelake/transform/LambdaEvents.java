package io.firelake.transform;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.KinesisMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps aws-lambda-java-events' {@link KinesisFirehoseEvent} to the pure core's {@link InputRecord}s, for callers that
 * hold the library type (a typed {@code RequestHandler}, or tests written against it). The handler itself streams the
 * request JSON, which is faster and keeps {@code subsequenceNumber} whichever way Firehose spells it.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static List<InputRecord> toInputRecords(KinesisFirehoseEvent event) {
        List<InputRecord> records = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return records;
        }
        for (KinesisFirehoseEvent.Record record : event.getRecords()) {
            if (record.getRecordId() == null) {
                continue;
            }
            records.add(new InputRecord(record.getRecordId(), bytes(record.getData()),
                    record.getApproximateArrivalTimestamp(), kinesis(record.getKinesisRecordMetadata())));
        }
        return records;
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return null;
        }
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static KinesisMetadata kinesis(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        return new KinesisMetadata(metadata.get("shardId"), metadata.get("partitionKey"),
                number(metadata.get("approximateArrivalTimestamp")), metadata.get("sequenceNumber"),
                number(metadata.get("subsequenceNumber")));
    }

    private static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
