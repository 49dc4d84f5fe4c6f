package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The alarms' definitions as the PutMetricAlarm requests that made them, kept in the data directory
 * ({@code aws/cloudwatch/alarms.json}) so that alarms survive a restart of the endpoint; their state is evaluated
 * again from the metrics, not kept.
 */
final class SavedAlarms {

    private static final String FILE = "alarms";

    private final JsonFileStore store;
    private final Map<String, PutMetricAlarmRequest> requests = new ConcurrentSkipListMap<>();

    private SavedAlarms(JsonFileStore store) {
        this.store = store;
    }

    /** The saved alarms, put back into {@code alarms}; a null store keeps nothing (tests, benchmarks). */
    static SavedAlarms restore(JsonFileStore store, Alarms alarms, Instant now) {
        SavedAlarms saved = new SavedAlarms(store);
        if (store != null) {
            for (PutMetricAlarmRequest r : store.load(FILE, PutMetricAlarmRequest::builder)) {
                saved.requests.put(r.alarmName(), r);
                alarms.put(AlarmRequests.definition(r), now);
            }
        }
        return saved;
    }

    synchronized void put(PutMetricAlarmRequest request) {
        requests.put(request.alarmName(), request);
        save();
    }

    synchronized void delete(List<String> names) {
        names.forEach(requests::remove);
        save();
    }

    private void save() {
        if (store != null) {
            store.save(FILE, requests.values());
        }
    }
}
