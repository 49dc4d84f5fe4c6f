package io.firelake.producer.cli;

import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the reason of the first record that failed for good, so the run's last line says why ("Connection refused:
 * /127.0.0.1:4567") and not only an error code, even without a manifest.
 */
final class FirstFailure implements DeliveryListener {

    private final AtomicReference<String> reason = new AtomicReference<>();

    @Override
    public void delivered(ProducerRecord record, Delivery delivery) {
    }

    @Override
    public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
        reason.compareAndSet(null, errorMessage == null || errorMessage.isBlank() ? errorCode : errorMessage);
    }

    Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
