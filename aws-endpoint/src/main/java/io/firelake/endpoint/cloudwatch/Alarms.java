package io.firelake.endpoint.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The metric alarms of the local CloudWatch (their definitions also saved by {@link SavedAlarms}), each with its
 * state, evaluated from the metrics whenever the alarms are read.
 */
public final class Alarms {

    /** An alarm as DescribeAlarms shows it. */
    public record Alarm(AlarmDefinition definition, AlarmState state, Instant configurationUpdated) {
    }

    private final Map<String, Alarm> byName = new ConcurrentSkipListMap<>();
    private final AlarmEvaluator evaluator;

    public Alarms(MetricData data) {
        this.evaluator = new AlarmEvaluator(data);
    }

    /** Creates or replaces an alarm; a new one starts INSUFFICIENT_DATA, as in CloudWatch. */
    public void put(AlarmDefinition definition, Instant now) {
        byName.compute(definition.name(), (name, old) -> new Alarm(definition, old != null ? old.state()
                : new AlarmState(AlarmState.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", now), now));
    }

    public void delete(List<String> names) {
        names.forEach(byName::remove);
    }

    /** Every alarm, by name, its state evaluated now. */
    public List<Alarm> evaluated(Instant now) {
        return byName.values().stream().map(alarm -> {
            Alarm updated = new Alarm(alarm.definition(), evaluator.evaluate(alarm.definition(), alarm.state(), now),
                    alarm.configurationUpdated());
            byName.replace(alarm.definition().name(), alarm, updated);
            return updated;
        }).toList();
    }
}
