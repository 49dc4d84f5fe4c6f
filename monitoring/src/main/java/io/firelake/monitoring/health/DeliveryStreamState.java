package io.firelake.monitoring.health;

import java.util.Optional;

/**
 * The delivery stream as DescribeDeliveryStream reports it: its status (ACTIVE, CREATING, ...), the last error
 * Firehose recorded (FailureDescription: a type and details), if any, and the Kinesis stream it reads, if known.
 */
public record DeliveryStreamState(String name, String status, Optional<String> lastErrorType,
                                  Optional<String> lastErrorDetails, Optional<String> sourceStream) {
    public static final String ACTIVE = "ACTIVE";
    public static final String UNKNOWN = "UNKNOWN";

    public DeliveryStreamState(String name, String status, Optional<String> lastErrorType,
                               Optional<String> lastErrorDetails) {
        this(name, status, lastErrorType, lastErrorDetails, Optional.empty());
    }

    public DeliveryStreamState {
        sourceStream = sourceStream == null ? Optional.empty() : sourceStream;
        status = status == null ? UNKNOWN : status;
        lastErrorType = lastErrorType == null ? Optional.empty() : lastErrorType;
        lastErrorDetails = lastErrorDetails == null ? Optional.empty() : lastErrorDetails;
    }

    public static DeliveryStreamState active(String name) {
        return new DeliveryStreamState(name, ACTIVE, Optional.empty(), Optional.empty());
    }
}
