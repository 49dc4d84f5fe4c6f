package io.firelake.endpoint.cloudwatch;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One CloudWatch metric: namespace, name and dimensions (other dimensions make another metric). */
public record MetricKey(String namespace, String name, SortedMap<String, String> dimensions) {
    public MetricKey {
        dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    public static MetricKey of(String namespace, String name, Map<String, String> dimensions) {
        return new MetricKey(namespace, name, new TreeMap<>(dimensions));
    }
}
