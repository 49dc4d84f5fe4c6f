package io.firelake.speed;

import io.firelake.speed.core.AggregateStore;
import io.firelake.speed.core.WindowOutput;

import java.util.ArrayList;
import java.util.List;

/** Records what the handler asks to write; DynamoDB's own behaviour is tested against DynamoDB Local. */
final class InMemoryAggregateStore implements AggregateStore {

    final List<WindowOutput> writes = new ArrayList<>();
    int failuresToThrow;

    @Override
    public WriteReport write(WindowOutput output) {
        if (failuresToThrow > 0) {
            failuresToThrow--;
            throw new IllegalStateException("simulated throttling");
        }
        writes.add(output);
        return new WriteReport(output.itemCount(), 0);
    }
}
