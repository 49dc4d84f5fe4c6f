package io.firelake.monitoring.health;

import java.util.Optional;

/**
 * The delivery stream as DescribeDeliveryStream reports it: its status (ACTIVE, CREATING, ...) and the last error
 * Firehose recorded (FailureDescription: a type such as LAMBDA_FUNCTION_FAILED and details), if any.
 */
public record DeliveryStreamState(String name, String status, Optional<String> lastErrorType,
                                  Optional<String> lastErrorDetails) {
    public static final String ACTIVE = "ACTIVE";
    public static final String UNKNOWN = "UNKNOWN";

    public DeliveryStreamState {
        status = status == null ? UNKNOWN : status;
        lastErrorType = lastErrorType == null ? Optional.empty() : lastErrorType;
        lastErrorDetails = lastErrorDetails == null ? Optional.empty() : lastErrorDetails;
    }

    public static DeliveryStreamState active(String name) {
        return new DeliveryStreamState(name, ACTIVE, Optional.empty(), Optional.empty());
    }
}
