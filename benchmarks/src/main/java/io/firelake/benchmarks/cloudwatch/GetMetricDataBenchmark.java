package io.firelake.benchmarks.cloudwatch;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.cloudwatch.CloudWatchApi;
import io.firelake.endpoint.cloudwatch.MetricData;
import io.firelake.endpoint.cloudwatch.MetricKey;
import io.firelake.endpoint.cloudwatch.MetricStore;
import io.firelake.monitoring.aws.AwsMonitoringSource;
import io.firelake.monitoring.metrics.FirehoseMetric;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GetMetricData through the AWS SDK for Java v2 (Smithy RPC v2 CBOR) against firelake's local AWS endpoint, over a
 * day of per-second datapoints of every Firehose metric (one datapoint each second for each of the 25 metrics the
 * monitor reads): the request {@code monitor --source aws --since 24h} makes, and single-metric requests at the
 * finest periods CloudWatch keeps (60 s for a day, 1 s for the last 3 hours). Median and 90th percentile wall time
 * per call, from the SDK call to the parsed response.
 */
public final class GetMetricDataBenchmark {

    private static final String STREAM = "firelake-delivery";

    private GetMetricDataBenchmark() {
    }

    public static void main(String[] args) {
        int runs = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println(String.join("\n",
                            "Usage: java -cp benchmarks/target/benchmarks.jar " + GetMetricDataBenchmark.class.getName()
                                    + " [--runs N]",
                            "",
                            "Fills the local CloudWatch with a day of per-second datapoints of every Firehose metric,",
                            "starts the AWS endpoint on a free loopback port and times GetMetricData calls through the",
                            "SDK: N runs of each request after N/2 warm-up runs (default 50)."));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        int warmUps = runs / 2;
        int timed = runs;
        Instant now = Instant.now();
        MetricStore store = MetricStore.inMemory();
        List<FirehoseMetric> metrics = Arrays.stream(FirehoseMetric.values()).filter(FirehoseMetric::inCloudWatch)
                .toList();
        long filling = System.nanoTime();
        for (FirehoseMetric metric : metrics) {
            MetricKey key = MetricKey.of(metric.namespace(), metric.metricName(),
                    Map.of(FirehoseMetric.DIMENSION, STREAM));
            for (int s = 86_400; s > 0; s--) {
                store.put(key, now.minusSeconds(s), s % 97, metric.unit());
            }
        }
        System.out.printf("store: %d metrics x 86,400 seconds filled in %.1f s%n", metrics.size(),
                (System.nanoTime() - filling) / 1e9);
        try (AwsEndpoint endpoint = AwsEndpoint.builder().port(0)
                .serve(CloudWatchApi.service(store, Clock.systemUTC())).start();
             CloudWatchClient cloudWatch = AwsClientFactory.of(ClientSettings.localEngine(endpoint.uri()))
                     .sync(CloudWatchClient.builder(), SyncHttp.apache(2)).build()) {
            AwsMonitoringSource monitor = new AwsMonitoringSource(cloudWatch, null, null, STREAM, 0);
            Instant from = now.minus(Duration.ofDays(1));
            Map<String, Supplier<Integer>> requests = new LinkedHashMap<>();
            requests.put("monitor --since 24h: 25 metrics, period 240 s, a day",
                    () -> monitor.metrics(from, now).series().values().stream().mapToInt(List::size).sum());
            requests.put("25 metrics, period 60 s, a day", () -> points(cloudWatch.getMetricData(b -> b
                    .startTime(from).endTime(now).metricDataQueries(queries(metrics, 60)))));
            requests.put("1 metric, period 60 s, a day", () -> points(cloudWatch.getMetricData(b -> b
                    .startTime(from).endTime(now).metricDataQueries(queries(metrics.subList(0, 1), 60)))));
            requests.put("1 metric, period 1 s, the last 3 hours", () -> points(cloudWatch.getMetricData(b -> b
                    .startTime(now.minus(Duration.ofHours(3))).endTime(now)
                    .metricDataQueries(queries(metrics.subList(0, 1), 1)))));
            MetricData domain = new MetricData(store);
            List<MetricData.Query> inProcess = new ArrayList<>();
            for (int i = 0; i < metrics.size(); i++) {
                FirehoseMetric metric = metrics.get(i);
                inProcess.add(new MetricData.Query("m" + i, null, true, new MetricData.StatQuery(MetricKey.of(
                        metric.namespace(), metric.metricName(), Map.of(FirehoseMetric.DIMENSION, STREAM)), 60,
                        metric.statistic().cloudWatchName(), null), null, null));
            }
            requests.put("25 metrics, period 60 s, a day, in process (MetricData.get: no HTTP, CBOR, SDK)", () -> domain.get(
                    new MetricData.Request(inProcess, from, now, false, null, null), now).results().stream()
                    .mapToInt(r -> r.values().size()).sum());
            // Every request warms up before any is timed, so none pays for the JIT of the others.
            for (int i = 0; i < warmUps; i++) {
                requests.values().forEach(Supplier::get);
            }
            System.out.println("| request | datapoints answered | median | p90 |");
            System.out.println("|---|---|---|---|");
            requests.forEach((what, call) -> time(what, timed, call));
        }
    }

    private static List<MetricDataQuery> queries(List<FirehoseMetric> metrics, int period) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            FirehoseMetric metric = metrics.get(i);
            queries.add(MetricDataQuery.builder().id("m" + i).metricStat(s -> s.period(period)
                    .stat(metric.statistic().cloudWatchName()).metric(m -> m.namespace(metric.namespace())
                            .metricName(metric.metricName()).dimensions(Dimension.builder()
                                    .name(FirehoseMetric.DIMENSION).value(STREAM).build()))).build());
        }
        return queries;
    }

    private static int points(GetMetricDataResponse response) {
        if (response.nextToken() != null) {
            throw new IllegalStateException("the answer was paged: the benchmark times one call");
        }
        return response.metricDataResults().stream().mapToInt(r -> r.values().size()).sum();
    }

    private static void time(String what, int runs, Supplier<Integer> call) {
        int answered = 0;
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            answered = call.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("| %s | %,d | %.1f ms | %.1f ms |%n", what, answered, millis[runs / 2],
                millis[(int) Math.ceil(runs * 0.9) - 1]);
    }
}
