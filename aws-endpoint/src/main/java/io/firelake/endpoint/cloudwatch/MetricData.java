package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.json.AwsServiceException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GetMetricData's semantics over the {@link MetricStore}: metric stat queries rolled up into periods
 * ({@link TimeGrid}), math expressions ({@link MetricMath}) over them, the results newest first (ScanBy
 * TimestampDescending, the default) or oldest first, at most MaxDatapoints datapoints a page with a NextToken for
 * the rest. A metric that does not exist gives an empty result, as in CloudWatch.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</a>
 */
public final class MetricData {

    /** "A single GetMetricData call can include as many as 500 MetricDataQuery structures." */
    public static final int MAX_QUERIES = 500;
    /** "...with a total of as many as 100,800 data points"; MaxDatapoints' default. */
    public static final int MAX_DATAPOINTS = 100_800;
    static final String COMPLETE = "Complete";
    static final String PARTIAL = "PartialData";
    private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9_]*");

    public record StatQuery(MetricKey metric, int period, String stat, String unit) {
    }

    /** One MetricDataQuery: a metric stat or an expression. */
    public record Query(String id, String label, boolean returnData, StatQuery stat, String expression,
                       Integer period) {
    }

    public record Request(List<Query> queries, Instant start, Instant end, boolean ascending, Integer maxDatapoints,
                          String nextToken) {
    }

    public record Message(String code, String value) {
    }

    public record Result(String id, String label, List<Instant> timestamps, List<Double> values, String status,
                         List<Message> messages) {
    }

    public record Answer(List<Result> results, String nextToken) {
    }

    private final MetricStore store;

    public MetricData(MetricStore store) {
        this.store = store;
    }

    /** The unit of a metric's datapoints, when it has some. */
    java.util.Optional<String> unit(MetricKey key) {
        return store.find(key).map(SecondSeries::unit);
    }

    public Answer get(Request request, Instant now) {
        validate(request);
        store.catchUp();
        Map<String, Query> byId = new LinkedHashMap<>();
        request.queries().forEach(q -> byId.put(q.id(), q));
        Evaluation evaluation = new Evaluation(byId, request, now);
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<TimeSeries> series = new ArrayList<>();
        for (Query q : request.queries()) {
            if (!q.returnData()) {
                continue;
            }
            MetricMath.Value value = evaluation.value(q.id());
            List<TimeSeries> all = value instanceof MetricMath.Many many ? many.series()
                    : List.of(evaluation.asSeries(value));
            for (TimeSeries s : all) {
                ids.add(q.id());
                labels.add(q.label() != null ? q.label() : q.stat() != null ? q.stat().metric().name() : q.id());
                series.add(s);
            }
        }
        return page(ids, labels, series, request);
    }

    private static void validate(Request r) {
        if (r.queries().size() > MAX_QUERIES) {
            throw CloudWatchErrors.validation("The collection MetricDataQueries must not have a size greater than "
                    + MAX_QUERIES + ".");
        }
        if (r.start().equals(r.end())) {
            throw CloudWatchErrors.validation("The parameter StartTime must not equal parameter EndTime.");
        }
        if (r.start().isAfter(r.end())) {
            throw CloudWatchErrors.validation("The parameter StartTime must be less than the parameter EndTime.");
        }
        if (r.maxDatapoints() != null && r.maxDatapoints() < 1) {
            throw CloudWatchErrors.validation("The parameter MaxDatapoints must be greater than 0.");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < r.queries().size(); i++) {
            Query q = r.queries().get(i);
            String at = "MetricDataQueries.member." + (i + 1);
            if (!ID.matcher(q.id()).matches()) {
                throw CloudWatchErrors.validation("The value " + q.id() + " for parameter " + at + ".Id is not "
                        + "valid: it must start with a lowercase letter and contain only letters, numbers and "
                        + "underscores.");
            }
            if (!ids.add(q.id())) {
                throw CloudWatchErrors.validation("The values for parameter id in MetricDataQueries are not unique.");
            }
            if ((q.stat() == null) == (q.expression() == null)) {
                throw CloudWatchErrors.validation("Exactly one of MetricStat and Expression must be given in " + at
                        + ".");
            }
            if (q.stat() != null) {
                if (!TimeGrid.validPeriod(q.stat().period())) {
                    throw CloudWatchErrors.validation("The parameter " + at + ".MetricStat.Period must be 1, 5, 10, "
                            + "30 or a multiple of 60.");
                }
                if (Statistic.named(q.stat().stat()).isEmpty()) {
                    throw CloudWatchErrors.validation("The value " + q.stat().stat() + " for parameter " + at
                            + ".MetricStat.Stat is not valid: firelake's local CloudWatch serves SampleCount, "
                            + "Average, Sum, Minimum and Maximum (it keeps a statistic set per second, not the "
                            + "values percentiles need).");
                }
            } else if (q.period() != null && !TimeGrid.validPeriod(q.period())) {
                throw CloudWatchErrors.validation("The parameter " + at + ".Period must be 1, 5, 10, 30 or a "
                        + "multiple of 60.");
            }
        }
    }

    /** The queries' values, each computed once, expressions after what they refer to. */
    private final class Evaluation implements MetricMath.Scope {
        private final Map<String, Query> byId;
        private final Request request;
        private final Instant now;
        private final Map<String, MetricMath.Value> values = new HashMap<>();
        private final Set<String> evaluating = new HashSet<>();
        private final int period;

        Evaluation(Map<String, Query> byId, Request request, Instant now) {
            this.byId = byId;
            this.request = request;
            this.now = now;
            this.period = byId.values().stream().filter(q -> q.stat() != null).map(q -> q.stat().period())
                    .findFirst().orElse(60);
        }

        MetricMath.Value value(String id) {
            MetricMath.Value known = values.get(id);
            if (known != null) {
                return known;
            }
            Query q = byId.get(id);
            if (!evaluating.add(id)) {
                throw CloudWatchErrors.validation("Error in expression " + id + ": circular reference");
            }
            MetricMath.Value value = q.stat() != null ? new MetricMath.Series(stat(q.stat()))
                    : MetricMath.evaluate(id, q.expression(), this);
            evaluating.remove(id);
            values.put(id, value);
            return value;
        }

        private TimeSeries stat(StatQuery s) {
            TimeGrid grid = TimeGrid.of(request.start(), request.end(), s.period(), now);
            return store.find(s.metric())
                    .filter(series -> s.unit() == null || s.unit().equals(series.unit()))
                    .map(series -> TimeSeries.of(grid, series.rollUp(grid.start(), grid.period(), grid.periods(),
                            Statistic.named(s.stat()).orElseThrow())))
                    .orElse(TimeSeries.EMPTY);
        }

        /** A number as a series: the number at every period of the request. */
        TimeSeries asSeries(MetricMath.Value value) {
            if (value instanceof MetricMath.Series s) {
                return s.series();
            }
            double number = ((MetricMath.Scalar) value).value();
            TimeGrid grid = TimeGrid.of(request.start(), request.end(), period, now);
            double[] all = new double[grid.periods()];
            Arrays.fill(all, number);
            return TimeSeries.of(grid, all);
        }

        @Override
        public MetricMath.Value byId(String id) {
            return byId.containsKey(id) ? value(id) : null;
        }

        @Override
        public List<TimeSeries> metrics(String labelFilter) {
            List<TimeSeries> all = new ArrayList<>();
            for (Query q : byId.values()) {
                String label = q.label() != null ? q.label() : q.stat() != null ? q.stat().metric().name() : q.id();
                if (q.stat() != null && label.contains(labelFilter)) {
                    all.add(((MetricMath.Series) value(q.id())).series());
                }
            }
            return all;
        }

        @Override
        public int period() {
            return period;
        }
    }

    /** One page of datapoints across every result, newest (or oldest) first over all of them. */
    private static Answer page(List<String> ids, List<String> labels, List<TimeSeries> series, Request request) {
        int total = series.stream().mapToInt(TimeSeries::size).sum();
        int max = request.maxDatapoints() == null ? MAX_DATAPOINTS : request.maxDatapoints();
        String fingerprint = Integer.toHexString((request.queries().toString() + request.start() + request.end()
                + request.ascending()).hashCode());
        int offset = offset(request.nextToken(), fingerprint);
        boolean[][] selected = new boolean[series.size()][];
        boolean[] complete = new boolean[series.size()];
        if (offset == 0 && total <= max) {
            for (int r = 0; r < series.size(); r++) {
                selected[r] = null;
                complete[r] = true;
            }
        } else {
            select(series, request.ascending(), offset, max, selected, complete);
        }
        List<Result> results = new ArrayList<>(series.size());
        for (int r = 0; r < series.size(); r++) {
            TimeSeries s = series.get(r);
            List<Instant> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int k = 0; k < s.size(); k++) {
                int i = request.ascending() ? k : s.size() - 1 - k;
                if (selected[r] == null || selected[r][i]) {
                    times.add(Instant.ofEpochSecond(s.times()[i]));
                    values.add(s.values()[i]);
                }
            }
            results.add(new Result(ids.get(r), labels.get(r), times, values, complete[r] ? COMPLETE : PARTIAL,
                    List.of()));
        }
        int next = offset + max;
        String token = next < total ? Base64.getEncoder().encodeToString((next + ":" + fingerprint)
                .getBytes(StandardCharsets.UTF_8)) : null;
        return new Answer(results, token);
    }

    /** Marks the datapoints of positions [offset, offset + max) in scan order; complete = none left after them. */
    private static void select(List<TimeSeries> series, boolean ascending, int offset, int max,
                               boolean[][] selected, boolean[] complete) {
        int total = series.stream().mapToInt(TimeSeries::size).sum();
        long[] keys = new long[total];
        int n = 0;
        for (int r = 0; r < series.size(); r++) {
            TimeSeries s = series.get(r);
            selected[r] = new boolean[s.size()];
            for (int i = 0; i < s.size(); i++) {
                long t = ascending ? s.times()[i] : (1L << 33) - s.times()[i];
                keys[n++] = (t << 29) | ((long) r << 20) | i;
            }
        }
        Arrays.sort(keys);
        int[] remaining = new int[series.size()];
        for (int r = 0; r < series.size(); r++) {
            remaining[r] = series.get(r).size();
        }
        for (int k = 0; k < Math.min(total, offset + max); k++) {
            int r = (int) ((keys[k] >>> 20) & 0x1FF);
            remaining[r]--;
            if (k >= offset) {
                selected[r][(int) (keys[k] & 0xFFFFF)] = true;
            }
        }
        for (int r = 0; r < series.size(); r++) {
            complete[r] = remaining[r] == 0;
        }
    }

    private static int offset(String token, String fingerprint) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 2 && parts[1].equals(fingerprint)) {
                return Integer.parseInt(parts[0]);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw AwsServiceException.of(CloudWatchErrors.INVALID_NEXT_TOKEN, "The service cannot return the next page "
                + "of results: NextToken " + token + " was not issued for this request.");
    }
}
