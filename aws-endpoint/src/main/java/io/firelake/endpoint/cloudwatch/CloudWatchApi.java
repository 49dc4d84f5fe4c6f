package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.JsonService;
import io.firelake.endpoint.json.ServiceModel;
import io.firelake.endpoint.store.JsonFileStore;
import io.firelake.endpoint.store.Pages;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The CloudWatch API of the local endpoint, in the protocols its clients speak: Smithy RPC v2 CBOR (the AWS SDK for
 * Java v2, {@code POST /service/GraniteServiceVersion20100801/operation/<Op>}) and the Query protocol (the AWS CLI,
 * {@code Action=<Op>&Version=2010-08-01}). Metrics from the {@link MetricStore} (the local Firehose's, and what
 * PutMetricData sends), alarms evaluated from them ({@link Alarms}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Operations.html">CloudWatch API operations</a>
 */
public final class CloudWatchApi {

    /** The Smithy service shape name, the second segment of an RPC v2 CBOR request's path. */
    public static final String SMITHY_SERVICE = "GraniteServiceVersion20100801";
    /** GetMetricStatistics answers at most 1,440 datapoints. */
    public static final int MAX_STATISTICS_DATAPOINTS = 1_440;
    /** ListMetrics answers 500 metrics a page. */
    public static final int LIST_METRICS_PAGE = 500;
    /** DescribeAlarms answers 50 alarms by default (MaxRecords, at most 100). */
    public static final int DEFAULT_MAX_RECORDS = 50;
    /** PutMetricData takes 1,000 metric datums a call. */
    public static final int MAX_METRIC_DATA = 1_000;

    private CloudWatchApi() {
    }

    /** CloudWatch with its alarms in memory only. */
    public static JsonService service(MetricStore store, Clock clock) {
        return service(store, clock, null);
    }

    /** CloudWatch whose alarms are kept in {@code alarmStore} (the data directory's {@code aws/cloudwatch/}). */
    public static JsonService service(MetricStore store, Clock clock, JsonFileStore alarmStore) {
        MetricData data = new MetricData(store);
        Alarms alarms = new Alarms(data);
        SavedAlarms saved = SavedAlarms.restore(alarmStore, alarms, clock.instant());
        return JsonService.builder(ServiceModel.load("cloudwatch")).rpcV2Cbor(SMITHY_SERVICE)
                .operation("GetMetricData", GetMetricDataRequest::builder, r -> getMetricData(data, r, clock.instant()))
                .operation("GetMetricStatistics", GetMetricStatisticsRequest::builder,
                        r -> MetricStatistics.get(data, r, clock.instant()))
                .operation("ListMetrics", ListMetricsRequest::builder, r -> listMetrics(store, r))
                .operation("PutMetricData", PutMetricDataRequest::builder, r -> {
                    MetricStatistics.put(store, r, clock.instant());
                    return PutMetricDataResponse.builder().build();
                })
                .operation("PutMetricAlarm", PutMetricAlarmRequest::builder, r -> {
                    alarms.put(AlarmRequests.definition(r), clock.instant());
                    saved.put(r);
                    return PutMetricAlarmResponse.builder().build();
                })
                .operation("DescribeAlarms", DescribeAlarmsRequest::builder, r -> describeAlarms(alarms, r,
                        clock.instant()))
                .operation("DeleteAlarms", DeleteAlarmsRequest::builder, r -> {
                    alarms.delete(r.alarmNames());
                    saved.delete(r.alarmNames());
                    return DeleteAlarmsResponse.builder().build();
                })
                .build();
    }

    private static GetMetricDataResponse getMetricData(MetricData data, GetMetricDataRequest r, Instant now) {
        List<MetricData.Query> queries = new ArrayList<>();
        for (MetricDataQuery q : r.metricDataQueries()) {
            queries.add(query(q));
        }
        MetricData.Answer answer = data.get(new MetricData.Request(queries, r.startTime(), r.endTime(),
                "TimestampAscending".equals(r.scanByAsString()), r.maxDatapoints(), r.nextToken()), now);
        return GetMetricDataResponse.builder().nextToken(answer.nextToken())
                .messages(List.of())
                .metricDataResults(answer.results().stream().map(result -> MetricDataResult.builder()
                        .id(result.id()).label(result.label()).timestamps(result.timestamps())
                        .values(result.values()).statusCode(result.status())
                        .messages(result.messages().stream().map(m -> MessageData.builder().code(m.code())
                                .value(m.value()).build()).toList()).build()).toList())
                .build();
    }

    static MetricData.Query query(MetricDataQuery q) {
        MetricData.StatQuery stat = q.metricStat() == null ? null : new MetricData.StatQuery(
                key(q.metricStat().metric()), q.metricStat().period(), q.metricStat().stat(),
                q.metricStat().unitAsString());
        return new MetricData.Query(q.id(), q.label(), q.returnData() == null || q.returnData(), stat,
                q.expression(), q.period());
    }

    static MetricKey key(Metric metric) {
        if (metric.namespace() == null || metric.metricName() == null) {
            throw CloudWatchErrors.missing(metric.namespace() == null ? "Namespace" : "MetricName");
        }
        return new MetricKey(metric.namespace(), metric.metricName(), dimensions(metric.dimensions()));
    }

    static TreeMap<String, String> dimensions(List<Dimension> dimensions) {
        TreeMap<String, String> map = new TreeMap<>();
        dimensions.forEach(d -> map.put(d.name(), d.value()));
        return map;
    }

    private static ListMetricsResponse listMetrics(MetricStore store, ListMetricsRequest r) {
        store.catchUp();
        List<MetricKey> found = store.list(key -> (r.namespace() == null || r.namespace().equals(key.namespace()))
                && (r.metricName() == null || r.metricName().equals(key.name()))
                && r.dimensions().stream().allMatch(f -> key.dimensions().containsKey(f.name())
                && (f.value() == null || f.value().equals(key.dimensions().get(f.name())))));
        Pages.Page<MetricKey> page = page(found, r.nextToken(), LIST_METRICS_PAGE);
        return ListMetricsResponse.builder().nextToken(page.nextToken()).metrics(page.items().stream()
                .map(k -> Metric.builder().namespace(k.namespace()).metricName(k.name())
                        .dimensions(k.dimensions().entrySet().stream().map(e -> Dimension.builder().name(e.getKey())
                                .value(e.getValue()).build()).toList()).build()).toList()).build();
    }

    private static DescribeAlarmsResponse describeAlarms(Alarms alarms, DescribeAlarmsRequest r, Instant now) {
        if (r.hasAlarmNames() && r.alarmNamePrefix() != null) {
            throw CloudWatchErrors.invalidCombination("AlarmNames and AlarmNamePrefix cannot be given together.");
        }
        boolean metricAlarms = !r.hasAlarmTypes() || r.alarmTypesAsStrings().contains("MetricAlarm");
        List<Alarms.Alarm> matching = !metricAlarms ? List.of() : alarms.evaluated(now).stream()
                .filter(a -> !r.hasAlarmNames() || r.alarmNames().contains(a.definition().name()))
                .filter(a -> r.alarmNamePrefix() == null || a.definition().name().startsWith(r.alarmNamePrefix()))
                .filter(a -> r.stateValue() == null || a.state().value().equals(r.stateValueAsString()))
                .toList();
        Pages.Page<Alarms.Alarm> page = page(matching, r.nextToken(), r.maxRecords() == null ? DEFAULT_MAX_RECORDS
                : r.maxRecords());
        return DescribeAlarmsResponse.builder().nextToken(page.nextToken())
                .metricAlarms(page.items().stream().map(CloudWatchApi::metricAlarm).toList()).build();
    }

    private static MetricAlarm metricAlarm(Alarms.Alarm alarm) {
        AlarmDefinition d = alarm.definition();
        MetricAlarm.Builder b = MetricAlarm.builder().alarmName(d.name())
                .alarmArn("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + d.name())
                .alarmDescription(d.description()).actionsEnabled(true)
                .alarmConfigurationUpdatedTimestamp(alarm.configurationUpdated())
                .stateValue(alarm.state().value()).stateReason(alarm.state().reason())
                .stateUpdatedTimestamp(alarm.state().updated()).stateTransitionedTimestamp(alarm.state().updated())
                .evaluationPeriods(d.evaluationPeriods()).datapointsToAlarm(d.datapointsToAlarm())
                .threshold(d.threshold()).comparisonOperator(d.comparison().name())
                .treatMissingData(d.treatMissingData().name()).evaluationState((String) null);
        if (d.metric() != null) {
            b.namespace(d.metric().namespace()).metricName(d.metric().name()).statistic(d.statistic())
                    .period(d.period()).unit(d.unit()).dimensions(d.metric().dimensions().entrySet().stream()
                            .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        } else {
            b.metrics(AlarmRequests.queries(d.metrics()));
        }
        return b.build();
    }

    private static <T> Pages.Page<T> page(List<T> all, String token, int max) {
        try {
            return Pages.of(all, token, max, max);
        } catch (AwsServiceException e) {
            throw AwsServiceException.of(CloudWatchErrors.INVALID_NEXT_TOKEN, e.getMessage());
        }
    }
}
