package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.EndpointClientsAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CloudWatch on the endpoint through the AWS SDK for Java v2 (Smithy RPC v2 CBOR) and as the AWS CLI sends it (the
 * Query protocol), over metrics put into the store at one-second resolution.
 */
class CloudWatchApiProtocolTest {

    private static final String STREAM = "firelake-delivery";
    /** A fixed clock on a whole hour, so periods are predictable. */
    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final MetricStore store = MetricStore.inMemory();
    private AwsEndpoint endpoint;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        endpoint = AwsEndpoint.builder().port(0)
                .serve(CloudWatchApi.service(store, Clock.fixed(now, ZoneOffset.UTC))).start();
        cloudWatch = EndpointClientsAccess.client(CloudWatchClient.builder(), endpoint.uri());
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        endpoint.close();
    }

    private static MetricKey firehose(String name) {
        return MetricKey.of("AWS/Firehose", name, Map.of("DeliveryStreamName", STREAM));
    }

    /** One datapoint a second, value = the second's index, for {@code seconds} before now. */
    private void perSecond(String name, int seconds) {
        for (int i = 0; i < seconds; i++) {
            store.put(firehose(name), now.minusSeconds(seconds - i), i, "Count");
        }
    }

    private static MetricDataQuery stat(String id, String name, int period, String stat) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(period).stat(stat)
                .metric(m -> m.namespace("AWS/Firehose").metricName(name)
                        .dimensions(Dimension.builder().name("DeliveryStreamName").value(STREAM).build()))).build();
    }

    private GetMetricDataResponse get(Duration back, MetricDataQuery... queries) {
        return cloudWatch.getMetricData(r -> r.startTime(now.minus(back)).endTime(now).metricDataQueries(queries)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING));
    }

    @Test
    void periodsRollUpTheSecondsWithEachStatistic() {
        perSecond("IncomingRecords", 600);
        GetMetricDataResponse r = get(Duration.ofMinutes(10), stat("sum", "IncomingRecords", 60, "Sum"),
                stat("avg", "IncomingRecords", 300, "Average"), stat("max", "IncomingRecords", 60, "Maximum"),
                stat("min", "IncomingRecords", 60, "Minimum"), stat("n", "IncomingRecords", 1, "SampleCount"));

        Map<String, MetricDataResult> byId = r.metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, x -> x));
        assertThat(byId.get("sum").values()).hasSize(10).first().isEqualTo(IntStream.range(0, 60).sum() * 1.0);
        assertThat(byId.get("sum").timestamps()).first().isEqualTo(now.minusSeconds(600));
        assertThat(byId.get("sum").label()).isEqualTo("IncomingRecords");
        assertThat(byId.get("avg").values()).containsExactly(149.5, 449.5);
        assertThat(byId.get("max").values().get(9)).isEqualTo(599.0);
        assertThat(byId.get("min").values().get(9)).isEqualTo(540.0);
        assertThat(byId.get("n").values()).hasSize(600).allMatch(v -> v == 1.0);
        assertThat(r.metricDataResults()).allMatch(x -> x.statusCodeAsString().equals("Complete"));
    }

    @Test
    void mathExpressionsCombineTheQueries() {
        perSecond("IncomingRecords", 120);
        perSecond("DeliveryToS3.Records", 60);
        GetMetricDataResponse r = get(Duration.ofMinutes(2),
                stat("incoming", "IncomingRecords", 60, "Sum").toBuilder().returnData(false).build(),
                stat("delivered", "DeliveryToS3.Records", 60, "Sum").toBuilder().returnData(false).build(),
                MetricDataQuery.builder().id("ratio").expression("delivered / incoming * 100").label("delivered %")
                        .build(),
                MetricDataQuery.builder().id("total").expression("SUM(incoming)").build(),
                MetricDataQuery.builder().id("both").expression("SUM([incoming, delivered]) - 1").build());

        Map<String, MetricDataResult> byId = r.metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, x -> x));
        assertThat(byId).doesNotContainKeys("incoming", "delivered");
        double lastMinute = IntStream.range(60, 120).sum();
        assertThat(byId.get("ratio").values()).containsExactly(IntStream.range(0, 60).sum() / lastMinute * 100);
        assertThat(byId.get("ratio").label()).isEqualTo("delivered %");
        assertThat(byId.get("total").values()).hasSize(2).allMatch(v -> v == IntStream.range(0, 120).sum());
        assertThat(byId.get("both").values()).containsExactly(IntStream.range(0, 60).sum() - 1.0,
                lastMinute + IntStream.range(0, 60).sum() - 1);
    }

    @Test
    void newestFirstByDefaultAndPagedByMaxDatapoints() {
        perSecond("IncomingRecords", 300);
        List<Double> values = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            GetMetricDataResponse page = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(300)).endTime(now)
                    .metricDataQueries(stat("m", "IncomingRecords", 1, "Sum")).maxDatapoints(100).nextToken(next));
            MetricDataResult result = page.metricDataResults().get(0);
            assertThat(result.statusCodeAsString()).isEqualTo(page.nextToken() == null ? "Complete" : "PartialData");
            values.addAll(result.values());
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(values).hasSize(300).startsWith(299.0, 298.0).endsWith(0.0);
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(300)).endTime(now)
                .metricDataQueries(stat("m", "IncomingRecords", 1, "Sum")).nextToken("bm90LWEtdG9rZW4=")))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("NextToken");
    }

    @Test
    void anUnknownMetricIsAnEmptyCompleteResult() {
        GetMetricDataResponse r = get(Duration.ofHours(1), stat("m", "NoSuchMetric", 60, "Sum"));
        assertThat(r.metricDataResults()).singleElement().satisfies(x -> {
            assertThat(x.values()).isEmpty();
            assertThat(x.statusCodeAsString()).isEqualTo("Complete");
        });
    }

    @Test
    void secondsOlderThanThreeHoursAreKeptOnlyAtMinutePeriods() {
        perSecond("IncomingRecords", 4 * 3600);
        GetMetricDataResponse r = get(Duration.ofHours(4), stat("fine", "IncomingRecords", 10, "SampleCount"),
                stat("minute", "IncomingRecords", 60, "SampleCount"));

        assertThat(r.metricDataResults().get(0).timestamps()).hasSize(3 * 360)
                .allMatch(t -> !t.isBefore(now.minus(Duration.ofHours(3))));
        assertThat(r.metricDataResults().get(1).values()).hasSize(4 * 60).allMatch(v -> v == 60.0);
    }

    @Test
    void badInputIsRefusedAsCloudWatchRefusesIt() {
        assertThatThrownBy(() -> get(Duration.ofHours(1), stat("m", "IncomingRecords", 45, "Sum")))
                .isInstanceOf(CloudWatchException.class)
                .hasMessageContaining("MetricDataQueries.member.1.MetricStat.Period must be 1, 5, 10, 30 or a "
                        + "multiple of 60")
                .satisfies(e -> assertThat(((CloudWatchException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"));
        MetricDataQuery[] tooMany = IntStream.range(0, 501).mapToObj(i -> stat("m" + i, "IncomingRecords", 60, "Sum"))
                .toArray(MetricDataQuery[]::new);
        assertThatThrownBy(() -> get(Duration.ofHours(1), tooMany)).isInstanceOf(CloudWatchException.class)
                .hasMessageContaining("The collection MetricDataQueries must not have a size greater than 500.");
        assertThatThrownBy(() -> get(Duration.ofHours(1), stat("m", "IncomingRecords", 60, "Sum"),
                MetricDataQuery.builder().id("e").expression("m +* 2").build()))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("Error in expression e 'm +* 2'");
        assertThatThrownBy(() -> get(Duration.ofHours(1), stat("m", "IncomingRecords", 60, "Sum"),
                MetricDataQuery.builder().id("e").expression("NOPE(m)").build()))
                .hasMessageContaining("Unrecognized function: NOPE");
        assertThatThrownBy(() -> get(Duration.ofHours(1), MetricDataQuery.builder().id("e").expression("m9 * 2")
                .build())).hasMessageContaining("Unrecognized metric id or function: m9");
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now).endTime(now)
                .metricDataQueries(stat("m", "IncomingRecords", 60, "Sum"))))
                .hasMessageContaining("The parameter StartTime must not equal parameter EndTime.");
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Firehose")
                .metricName("IncomingRecords").startTime(now.minus(Duration.ofDays(2))).endTime(now).period(60)
                .statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageContaining("You have requested up to 2880 datapoints, which exceeds the limit of 1,440");
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/Firehose")
                .metricData(d -> d.metricName("x").value(1.0))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("reserved");
    }

    @Test
    void getMetricStatisticsListMetricsAndPutMetricData() {
        cloudWatch.putMetricData(r -> r.namespace("firelake/SpeedLayer").metricData(
                d -> d.metricName("WindowsClosed").timestamp(now.minusSeconds(90)).value(2.0).unit("Count"),
                d -> d.metricName("WindowsClosed").timestamp(now.minusSeconds(80)).value(4.0).unit("Count"),
                d -> d.metricName("WindowsClosed").timestamp(now.minusSeconds(30))
                        .statisticValues(s -> s.sum(10.0).minimum(1.0).maximum(9.0).sampleCount(2.0)).unit("Count")));

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("firelake/SpeedLayer")
                .metricName("WindowsClosed").startTime(now.minusSeconds(120)).endTime(now).period(60)
                .statistics(Statistic.SUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)).datapoints();
        assertThat(points).extracting(Datapoint::timestamp, Datapoint::sum, Datapoint::maximum, Datapoint::sampleCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(now.minusSeconds(120), 6.0, 4.0, 2.0),
                        org.assertj.core.groups.Tuple.tuple(now.minusSeconds(60), 10.0, 9.0, 2.0));
        assertThat(points.get(0).average()).isNull();
        assertThat(points.get(0).unitAsString()).isEqualTo("Count");

        perSecond("IncomingRecords", 5);
        assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/Firehose")).metrics())
                .singleElement().satisfies(m -> {
                    assertThat(m.metricName()).isEqualTo("IncomingRecords");
                    assertThat(m.dimensions()).containsExactly(Dimension.builder().name("DeliveryStreamName")
                            .value(STREAM).build());
                });
        assertThat(cloudWatch.listMetrics(r -> r.dimensions(f -> f.name("DeliveryStreamName").value("other")))
                .metrics()).isEmpty();
    }

    @Test
    void alarmsAreEvaluatedFromTheMetrics() {
        perSecond("DeliveryToS3.DataFreshness", 600);
        cloudWatch.putMetricAlarm(r -> r.alarmName("stale").namespace("AWS/Firehose")
                .metricName("DeliveryToS3.DataFreshness")
                .dimensions(Dimension.builder().name("DeliveryStreamName").value(STREAM).build())
                .statistic(Statistic.MAXIMUM).period(300).evaluationPeriods(2).threshold(250.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching"));
        cloudWatch.putMetricAlarm(r -> r.alarmName("quiet").namespace("AWS/Firehose").metricName("Nothing")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.putMetricAlarm(r -> r.alarmName("fine").namespace("AWS/Firehose").metricName("Nothing")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0).treatMissingData("notBreaching")
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

        Map<String, MetricAlarm> alarms = cloudWatch.describeAlarms(r -> { }).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, a -> a));
        assertThat(alarms.get("stale").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarms.get("stale").stateReason()).startsWith("Threshold Crossed: 2 out of the last 2 datapoints")
                .contains("greater than the threshold (250.0)");
        assertThat(alarms.get("quiet").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(alarms.get("fine").stateValue()).isEqualTo(StateValue.OK);
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("stale");
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(r -> r.alarmName("both").namespace("AWS/Firehose")
                .metricName("x").statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .metrics(stat("m", "x", 60, "Sum")))).isInstanceOf(InvalidParameterCombinationException.class);
    }

    @Test
    void alarmsSurviveARestartOfTheEndpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.firelake.endpoint.store.JsonFileStore saved = new io.firelake.endpoint.store.JsonFileStore(dir);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        for (int run = 0; run < 2; run++) {
            try (AwsEndpoint restarted = AwsEndpoint.builder().port(0)
                    .serve(CloudWatchApi.service(store, clock, saved)).start();
                 CloudWatchClient client = EndpointClientsAccess.client(CloudWatchClient.builder(), restarted.uri())) {
                if (run == 0) {
                    client.putMetricAlarm(r -> r.alarmName("kept").namespace("AWS/Firehose").metricName("x")
                            .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
                    client.putMetricAlarm(r -> r.alarmName("gone").namespace("AWS/Firehose").metricName("x")
                            .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
                    client.deleteAlarms(r -> r.alarmNames("gone"));
                } else {
                    assertThat(client.describeAlarms(r -> { }).metricAlarms()).singleElement()
                            .satisfies(a -> {
                                assertThat(a.alarmName()).isEqualTo("kept");
                                assertThat(a.period()).isEqualTo(60);
                                assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
                            });
                }
            }
        }
    }

    @Test
    void theQueryProtocolOfTheAwsCliIsAnsweredInXml() throws Exception {
        perSecond("IncomingRecords", 120);
        String form = "Action=GetMetricData&Version=2010-08-01"
                + "&MetricDataQueries.member.1.Id=m1"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=" + enc("AWS/Firehose")
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=IncomingRecords"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=DeliveryStreamName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=" + STREAM
                + "&MetricDataQueries.member.1.MetricStat.Period=60&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                + "&StartTime=" + enc(now.minusSeconds(120).toString()) + "&EndTime=" + enc(now.toString());
        String answer = query(endpoint.uri(), form);
        assertThat(answer).contains("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<GetMetricDataResult><MetricDataResults><member><Id>m1</Id><Label>IncomingRecords</Label>")
                .contains("<Timestamps><member>2026-12-06T11:59:00Z</member><member>2026-12-06T11:58:00Z</member>")
                .contains("<StatusCode>Complete</StatusCode>");

        assertThat(query(endpoint.uri(), "Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=m1"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=x"
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=y"
                + "&MetricDataQueries.member.1.MetricStat.Period=7&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                + "&StartTime=" + enc(now.minusSeconds(120).toString()) + "&EndTime=" + enc(now.toString())))
                .startsWith("HTTP/1.1 400").contains("<Code>ValidationError</Code>");
        assertThat(query(endpoint.uri(), "Action=PutMetricData&Version=2010-08-01&Namespace=AWS%2Fx"
                + "&MetricData.member.1.MetricName=a&MetricData.member.1.Value=1"))
                .contains("<Code>InvalidParameterValue</Code>");
        assertThat(query(endpoint.uri(), "Action=DisableAlarmActions&Version=2010-08-01"))
                .contains("<Code>InvalidAction</Code>");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String query(URI endpoint, String form) throws java.io.IOException {
        return EndpointClientsAccess.raw(endpoint, "127.0.0.1", "Content-Type: application/x-www-form-urlencoded; "
                + "charset=utf-8\r\nAuthorization: AWS4-HMAC-SHA256 Credential=firelakelocal/20261206/us-east-1/"
                + "monitoring/aws4_request, SignedHeaders=host, Signature=0\r\n", form);
    }
}
