package io.firelake.speed;

import io.firelake.speed.core.WindowProcessor;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbAggregateStore;

import java.util.Map;

/** The handler's settings, from its environment (the SAM template sets them from its Parameters). */
record SpeedLayerConfig(String tableName, int ttlDays, String ttlAttribute, int allowedLatenessMinutes,
                        String dynamoDbEndpoint) {

    static SpeedLayerConfig fromEnvironment(Map<String, String> env) {
        return new SpeedLayerConfig(
                env.getOrDefault("AGGREGATES_TABLE", AggregateTable.DEFAULT_TABLE_NAME),
                positiveInt(env, "AGGREGATES_TTL_DAYS", DynamoDbAggregateStore.DEFAULT_TTL_DAYS),
                env.getOrDefault("AGGREGATES_TTL_ATTRIBUTE", AggregateTable.TTL_ATTRIBUTE),
                positiveInt(env, "ALLOWED_LATENESS_MINUTES", WindowProcessor.DEFAULT_ALLOWED_LATENESS_MINUTES),
                env.get("DYNAMODB_ENDPOINT"));
    }

    private static int positiveInt(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative integer, not '" + value + "'", e);
        }
    }
}
