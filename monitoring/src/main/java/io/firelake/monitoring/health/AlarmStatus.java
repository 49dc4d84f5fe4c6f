package io.firelake.monitoring.health;

/** A CloudWatch alarm on the delivery stream's metrics, as DescribeAlarms shows it: OK, ALARM or INSUFFICIENT_DATA. */
public record AlarmStatus(String name, String state, String reason) {
}
