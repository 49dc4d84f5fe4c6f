package io.firelake.monitoring.aws;

import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocumentParser;
import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.source.MonitoringSource;
import software.amazon.awssdk.core.ResponseInputStream;
import io.firelake.monitoring.health.AlarmStatus;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Monitoring on AWS: Firehose's metrics from CloudWatch GetMetricData (namespace AWS/Firehose, dimension
 * DeliveryStreamName) and the alarms on them (DescribeAlarms), the stream's status and last error from DescribeDeliveryStream, and the error prefix (bucket
 * and prefix taken from the stream's S3 destination) through ListObjectsV2 and GetObject. The clients are built once by
 * the caller; this class only translates.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html">DescribeDeliveryStream</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
public final class AwsMonitoringSource implements MonitoringSource {
    /** GetMetricData accepts at most 500 queries per request. */
    public static final int MAX_QUERIES_PER_REQUEST = 500;
    /** Firehose publishes at one-minute resolution; finer periods return nothing more. */
    public static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    /** Points per series we ask for: enough for a chart, few enough for one page of results. */
    public static final int DEFAULT_POINTS_PER_SERIES = 360;
    /** Error objects read per run, newest first: an operator needs samples and counts, not the whole prefix. */
    public static final int DEFAULT_MAX_ERROR_OBJECTS = 200;

    private final CloudWatchClient cloudWatch;
    private final FirehoseClient firehose;
    private final S3Client s3;
    private final String deliveryStreamName;
    private final int maxErrorObjects;
    private DeliveryStreamDescription description;

    public AwsMonitoringSource(CloudWatchClient cloudWatch, FirehoseClient firehose, S3Client s3,
                               String deliveryStreamName, int maxErrorObjects) {
        this.cloudWatch = cloudWatch;
        this.firehose = firehose;
        this.s3 = s3;
        this.deliveryStreamName = deliveryStreamName;
        this.maxErrorObjects = maxErrorObjects;
    }

    @Override
    public String deliveryStreamName() {
        return deliveryStreamName;
    }

    @Override
    public MetricsWindow metrics(Instant from, Instant to) {
        int period = periodSeconds(from, to);
        List<MetricDataQuery> queries = new ArrayList<>();
        FirehoseMetric[] metrics = Arrays.stream(FirehoseMetric.values()).filter(FirehoseMetric::inCloudWatch)
                .toArray(FirehoseMetric[]::new);
        for (int i = 0; i < metrics.length; i++) {
            queries.add(MetricDataQuery.builder()
                    .id("m" + i)
                    .label(metrics[i].metricName())
                    .returnData(true)
                    .metricStat(MetricStat.builder()
                            .metric(Metric.builder()
                                    .namespace(FirehoseMetric.NAMESPACE)
                                    .metricName(metrics[i].metricName())
                                    .dimensions(Dimension.builder().name(FirehoseMetric.DIMENSION)
                                            .value(deliveryStreamName).build())
                                    .build())
                            .period(period)
                            .stat(metrics[i].statistic().cloudWatchName())
                            .build())
                    .build());
        }
        List<MetricPoint> points = new ArrayList<>();
        String nextToken = null;
        do {
            GetMetricDataResponse response = cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .metricDataQueries(queries)
                    .startTime(from)
                    .endTime(to)
                    .nextToken(nextToken)
                    .build());
            for (MetricDataResult result : response.metricDataResults()) {
                FirehoseMetric metric = metrics[Integer.parseInt(result.id().substring(1))];
                List<Instant> timestamps = result.timestamps();
                List<Double> values = result.values();
                for (int i = 0; i < Math.min(timestamps.size(), values.size()); i++) {
                    points.add(new MetricPoint(metric.metricName(), timestamps.get(i), values.get(i), metric.unit()));
                }
            }
            nextToken = response.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return MetricsWindow.of(from, to, points);
    }

    /**
     * The alarms on this delivery stream's metrics (those with its DeliveryStreamName dimension), from DescribeAlarms;
     * none when the caller may not describe alarms, as monitoring does not need them to judge.
     */
    @Override
    public List<AlarmStatus> alarms() {
        try {
            return cloudWatch.describeAlarmsPaginator(b -> b.alarmTypes(AlarmType.METRIC_ALARM)).metricAlarms()
                    .stream()
                    .filter(a -> a.dimensions().stream().anyMatch(d -> FirehoseMetric.DIMENSION.equals(d.name())
                            && deliveryStreamName.equals(d.value())))
                    .map(a -> new AlarmStatus(a.alarmName(), a.stateValueAsString(), a.stateReason())).toList();
        } catch (CloudWatchException e) {
            return List.of();
        }
    }

    /** A multiple of 60 s that keeps each series near {@link #DEFAULT_POINTS_PER_SERIES} points. */
    static int periodSeconds(Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        long raw = Math.max(MIN_PERIOD.toSeconds(), seconds / DEFAULT_POINTS_PER_SERIES);
        return (int) (((raw + 59) / 60) * 60);
    }

    @Override
    public DeliveryStreamState deliveryStreamState() {
        description = null;
        DeliveryStreamDescription d = describe();
        Optional<String> source = Optional.ofNullable(d.source())
                .map(s -> s.kinesisStreamSourceDescription())
                .map(k -> k.kinesisStreamARN())
                .map(arn -> arn.substring(arn.lastIndexOf('/') + 1));
        return new DeliveryStreamState(deliveryStreamName, d.deliveryStreamStatusAsString(),
                Optional.ofNullable(d.failureDescription()).map(f -> f.typeAsString()),
                Optional.ofNullable(d.failureDescription()).map(f -> f.details()), source);
    }

    private DeliveryStreamDescription describe() {
        if (description == null) {
            description = firehose.describeDeliveryStream(b -> b.deliveryStreamName(deliveryStreamName))
                    .deliveryStreamDescription();
        }
        return description;
    }

    /** The S3 destination's bucket and its ErrorOutputPrefix template. */
    record ErrorLocation(String bucket, ErrorPrefixPlan plan) {
    }

    ErrorLocation errorLocation() {
        for (DestinationDescription destination : describe().destinations()) {
            ExtendedS3DestinationDescription s3Destination = destination.extendedS3DestinationDescription();
            if (s3Destination != null) {
                String arn = s3Destination.bucketARN();
                return new ErrorLocation(arn.substring(arn.lastIndexOf(':') + 1),
                        new ErrorPrefixPlan(s3Destination.errorOutputPrefix()));
            }
        }
        throw new IllegalStateException(deliveryStreamName + " has no extended S3 destination");
    }

    /**
     * Lists only where the window's error objects can be: the error output types found under the prefix's static
     * head (one delimiter listing), then each type's prefixes for the hours of the window.
     */
    @Override
    public ErrorDocuments errorDocuments(Instant from, Instant to) throws IOException {
        ErrorLocation location = errorLocation();
        ErrorPrefixPlan plan = location.plan();
        String head = plan.staticHead();
        List<S3Object> objects = new ArrayList<>();
        if (plan.canPlan(from, to)) {
            for (String typeFolder : commonPrefixes(location.bucket(), head)) {
                String type = typeFolder.substring(head.length(), typeFolder.length() - 1);
                for (String prefix : plan.prefixesFor(type, from, to)) {
                    list(location.bucket(), prefix, from, objects);
                }
            }
        } else {
            list(location.bucket(), head, from, objects);
        }
        objects.sort(Comparator.comparing(S3Object::lastModified, Comparator.nullsLast(Comparator.reverseOrder())));
        ErrorDocumentParser parser = new ErrorDocumentParser();
        List<ErrorDocument> documents = new ArrayList<>();
        int unreadable = 0;
        for (S3Object object : objects.subList(0, Math.min(maxErrorObjects, objects.size()))) {
            String outputType = ErrorDocument.outputTypeFromKey(object.key(), head);
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(location.bucket())
                    .key(object.key()))) {
                ErrorDocumentParser.Parsed parsed = parser.parse(in, outputType, object.key());
                documents.addAll(parsed.documents());
                unreadable += parsed.unreadable();
            }
        }
        return new ErrorDocuments(documents, unreadable).arrivedBetween(from, to);
    }

    private List<String> commonPrefixes(String bucket, String head) {
        List<String> folders = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(head).delimiter("/").continuationToken(token).build());
            page.commonPrefixes().forEach(p -> folders.add(p.prefix()));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return folders;
    }

    private void list(String bucket, String prefix, Instant from, List<S3Object> into) {
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).continuationToken(token).build());
            page.contents().stream()
                    .filter(o -> o.lastModified() == null || !o.lastModified().isBefore(from))
                    .forEach(into::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }
}
