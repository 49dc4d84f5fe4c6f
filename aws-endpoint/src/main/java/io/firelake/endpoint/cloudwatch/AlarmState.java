package io.firelake.endpoint.cloudwatch;

import java.time.Instant;

/** An alarm's state: OK, ALARM or INSUFFICIENT_DATA, why, and since when. */
public record AlarmState(String value, String reason, Instant updated) {
    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
}
