package io.firelake.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.firelake.local.config.PipelineSettings;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SAM template's CloudWatch alarms ({@code AWS::CloudWatch::Alarm}) as the PutMetricAlarm requests that create
 * them, their references (name, dimension values, threshold) resolved for the local pipeline
 * ({@link TemplateReferences}). Their actions (the template's
 * optional SNS topic) are left out: nothing is notified locally, the state is what {@code monitor} shows.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html">AWS::CloudWatch::Alarm</a>
 */
public final class TemplateAlarms {

    private TemplateAlarms() {
    }

    /** The alarms of the template {@code local up} reads (the repository's, else the packaged copy). */
    public static List<PutMetricAlarmRequest> of(PipelineSettings settings, String stack) {
        return of(io.firelake.config.sam.SamTemplate.resources(), settings.parameters(), stack);
    }

    public static List<PutMetricAlarmRequest> of(JsonNode resources, Map<String, String> parameters, String stack) {
        TemplateReferences template = new TemplateReferences(resources, parameters, stack, null);
        List<PutMetricAlarmRequest> alarms = new ArrayList<>();
        for (JsonNode a : template.ofType("AWS::CloudWatch::Alarm")) {
            // Only the properties that take a reference are resolved: the YAML reader drops the tags, so a literal
            // (a dimension's Name, DeliveryStreamName) would otherwise read as a reference to the parameter of that name.
            List<Dimension> dimensions = new ArrayList<>();
            a.path("Dimensions").forEach(d -> dimensions.add(Dimension.builder().name(d.path("Name").asText())
                    .value(template.resolve(d.path("Value")).asText()).build()));
            alarms.add(PutMetricAlarmRequest.builder().alarmName(template.resolve(a.path("AlarmName")).asText())
                    .alarmDescription(text(a, "AlarmDescription")).namespace(text(a, "Namespace"))
                    .metricName(text(a, "MetricName")).statistic(text(a, "Statistic")).unit(text(a, "Unit"))
                    .dimensions(dimensions).period(number(a, "Period"))
                    .evaluationPeriods(number(a, "EvaluationPeriods")).datapointsToAlarm(number(a, "DatapointsToAlarm"))
                    .threshold(a.has("Threshold") ? Double.valueOf(template.resolve(a.path("Threshold")).asText())
                            : null)
                    .comparisonOperator(text(a, "ComparisonOperator")).treatMissingData(text(a, "TreatMissingData"))
                    .build());
        }
        return alarms;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer number(JsonNode node, String field) {
        return node.hasNonNull(field) ? Integer.valueOf(node.get(field).asText()) : null;
    }
}
