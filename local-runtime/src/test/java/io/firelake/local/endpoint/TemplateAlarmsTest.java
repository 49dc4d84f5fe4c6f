package io.firelake.local.endpoint;

import io.firelake.local.config.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The template's alarms as PutMetricAlarm requests, every reference resolved for the local pipeline. */
class TemplateAlarmsTest {

    @Test
    void everyAlarmOfTheTemplateWithItsReferencesResolved() {
        List<PutMetricAlarmRequest> alarms = TemplateAlarms.of(SamTemplate.load(), TemplateGlueJobs.LOCAL_STACK);
        Map<String, PutMetricAlarmRequest> byName = alarms.stream()
                .collect(Collectors.toMap(PutMetricAlarmRequest::alarmName, a -> a));

        assertThat(byName).hasSize(9);
        PutMetricAlarmRequest freshness = byName.get("firelake-DeliveryFreshness");
        assertThat(freshness.namespace()).isEqualTo("AWS/Firehose");
        assertThat(freshness.metricName()).isEqualTo("DeliveryToS3.DataFreshness");
        assertThat(freshness.dimensions()).containsExactly(Dimension.builder().name("DeliveryStreamName")
                .value("firelake-delivery").build());
        assertThat(freshness.statistic()).isEqualTo(Statistic.MAXIMUM);
        assertThat(freshness.period()).isEqualTo(300);
        assertThat(freshness.evaluationPeriods()).isEqualTo(2);
        assertThat(freshness.threshold()).isEqualTo(900.0);
        assertThat(freshness.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(freshness.treatMissingData()).isEqualTo("notBreaching");
        assertThat(freshness.alarmActions()).isEmpty();
        assertThat(byName.get("firelake-SpeedLayerIteratorAge").dimensions()).containsExactly(Dimension.builder()
                .name("FunctionName").value("firelake-speed-layer").build());
        assertThat(byName.get("firelake-SpeedLayerIteratorAge").datapointsToAlarm()).isEqualTo(3);
    }
}
