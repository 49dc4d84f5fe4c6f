package io.firelake.monitoring.health;

import java.time.Duration;

/**
 * Where healthy ends. Freshness is measured against the S3 buffer interval: Firehose holds records up to that long
 * on purpose, so only freshness well beyond it means delivery is falling behind.
 *
 * @param bufferInterval            the S3 buffer interval of the delivery stream (SAM: S3BufferIntervalSeconds)
 * @param freshnessDegradedFactor   freshness above bufferInterval times this is degraded
 * @param freshnessFailingFactor    ... and above bufferInterval times this is failing
 * @param processingSuccessDegraded ExecuteProcessing.Success below this (0..1) is degraded
 * @param processingSuccessFailing  ... below this is failing
 * @param deliverySuccessDegraded   DeliveryToS3.Success below this is degraded
 * @param deliverySuccessFailing    ... below this is failing
 * @param failedRecordRatioDegraded records in the error prefix over incoming records above this is degraded
 * @param failedRecordRatioFailing  ... above this is failing
 * @param throttledIsDegraded       any throttling makes the stream degraded
 * @param noIncomingData            the verdict when nothing came in during the window
 */
public record HealthThresholds(
        Duration bufferInterval,
        double freshnessDegradedFactor,
        double freshnessFailingFactor,
        double processingSuccessDegraded,
        double processingSuccessFailing,
        double deliverySuccessDegraded,
        double deliverySuccessFailing,
        double failedRecordRatioDegraded,
        double failedRecordRatioFailing,
        boolean throttledIsDegraded,
        Verdict noIncomingData) {

    /** The SAM template's default S3BufferIntervalSeconds. */
    public static final Duration DEFAULT_BUFFER_INTERVAL = Duration.ofSeconds(300);
    /** Firehose's maximum buffer interval (900 s) bounds how stale data may be on purpose. */
    public static final Duration MAX_BUFFER_INTERVAL = Duration.ofSeconds(900);
    public static final double DEFAULT_FRESHNESS_DEGRADED_FACTOR = 1.5;
    public static final double DEFAULT_FRESHNESS_FAILING_FACTOR = 3.0;
    public static final double DEFAULT_PROCESSING_SUCCESS_DEGRADED = 0.99;
    public static final double DEFAULT_PROCESSING_SUCCESS_FAILING = 0.90;
    public static final double DEFAULT_DELIVERY_SUCCESS_DEGRADED = 0.99;
    public static final double DEFAULT_DELIVERY_SUCCESS_FAILING = 0.90;
    public static final double DEFAULT_FAILED_RECORD_RATIO_DEGRADED = 0.0;
    public static final double DEFAULT_FAILED_RECORD_RATIO_FAILING = 0.25;

    public HealthThresholds {
        if (bufferInterval.isNegative() || bufferInterval.compareTo(MAX_BUFFER_INTERVAL) > 0) {
            throw new IllegalArgumentException("buffer interval must be 0-900 s, got " + bufferInterval.toSeconds());
        }
        if (freshnessFailingFactor < freshnessDegradedFactor) {
            throw new IllegalArgumentException("freshness failing factor must be at least the degraded factor");
        }
    }

    public static HealthThresholds defaults() {
        return withBufferInterval(DEFAULT_BUFFER_INTERVAL);
    }

    public static HealthThresholds withBufferInterval(Duration bufferInterval) {
        return new HealthThresholds(bufferInterval, DEFAULT_FRESHNESS_DEGRADED_FACTOR,
                DEFAULT_FRESHNESS_FAILING_FACTOR, DEFAULT_PROCESSING_SUCCESS_DEGRADED,
                DEFAULT_PROCESSING_SUCCESS_FAILING, DEFAULT_DELIVERY_SUCCESS_DEGRADED, DEFAULT_DELIVERY_SUCCESS_FAILING,
                DEFAULT_FAILED_RECORD_RATIO_DEGRADED, DEFAULT_FAILED_RECORD_RATIO_FAILING, true, Verdict.DEGRADED);
    }

    public HealthThresholds withNoIncomingData(Verdict verdict) {
        return new HealthThresholds(bufferInterval, freshnessDegradedFactor, freshnessFailingFactor,
                processingSuccessDegraded, processingSuccessFailing, deliverySuccessDegraded, deliverySuccessFailing,
                failedRecordRatioDegraded, failedRecordRatioFailing, throttledIsDegraded, verdict);
    }

    /** A zero buffer interval still leaves delivery a minute: Firehose never delivers instantly. */
    double freshnessBaseSeconds() {
        return Math.max(60, bufferInterval.toSeconds());
    }
}
