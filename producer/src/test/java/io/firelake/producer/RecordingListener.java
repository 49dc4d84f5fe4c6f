package io.firelake.producer;

import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every delivery and failure the sender reports, for the tests to compare with what the stream holds. */
final class RecordingListener implements DeliveryListener {

    record Delivered(ProducerRecord record, Delivery delivery) {
    }

    record Failed(ProducerRecord record, String code, String message, int attempts) {
    }

    final List<Delivered> delivered = new ArrayList<>();
    final List<Failed> failed = new ArrayList<>();

    @Override
    public synchronized void delivered(ProducerRecord record, Delivery delivery) {
        delivered.add(new Delivered(record, delivery));
    }

    @Override
    public synchronized void failed(ProducerRecord record, String code, String message, int attempts) {
        failed.add(new Failed(record, code, message, attempts));
    }
}
