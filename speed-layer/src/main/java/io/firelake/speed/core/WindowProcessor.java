package io.firelake.speed.core;

import io.firelake.kinesis.aggregation.Deaggregator;
import io.firelake.kinesis.aggregation.InvalidAggregateException;
import io.firelake.kinesis.aggregation.UserRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The speed layer's pure core: folds one invocation's Kinesis records into the window's state and, at the window's
 * final invocation, turns the state into items to write.
 *
 * <p>Per Kinesis record, in shard order: de-aggregate (KPL), parse every user record, then fold the outcomes into the
 * state. Bad records (malformed, wrong types, corrupt aggregates, event time out of the window's range) are counted by
 * reason, reported to the {@link BadRecordLog} with shard and sequence number, and skipped: they never fail the batch.
 * A record whose processing throws (a bug, not bad data) stops the batch there: the result names its sequence number
 * as the first failure and the state covers exactly the records before it, so Lambda's retry from that record neither
 * skips nor double counts (ReportBatchItemFailures keeps the shard's order).
 *
 * <p>An event whose event_id is among the shard's recent ones in this window is a duplicate: counted, not aggregated
 * (see {@link RecentEventIds}).
 *
 * <p>Events are bucketed by event-time minute, the same minute the lake partitions and reports by. A window keeps
 * minutes from {@code allowedLatenessMinutes} before its start to one minute after its end; events outside are
 * {@link BadRecordReason#OUT_OF_WINDOW_RANGE} for the real-time view (the batch layer keeps them), which bounds the state.
 */
public final class WindowProcessor {

    /** Default lateness: events up to 10 minutes older than their window still count in their minute. */
    public static final int DEFAULT_ALLOWED_LATENESS_MINUTES = 10;

    private final AggregatePlan plan;
    private final EventParser parser;
    private final BadRecordLog badRecordLog;
    private final int allowedLatenessMinutes;

    /**
     * @param parser the plan's {@link DeclaredEventReader}, or one wrapping it (tests make one fail on a record): the
     *               events it gives must have the plan's slots
     */
    public WindowProcessor(AggregatePlan plan, EventParser parser, BadRecordLog badRecordLog,
                           int allowedLatenessMinutes) {
        if (allowedLatenessMinutes < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLatenessMinutes);
        }
        this.plan = plan;
        this.parser = parser;
        this.badRecordLog = badRecordLog;
        this.allowedLatenessMinutes = allowedLatenessMinutes;
    }

    public WindowProcessor(DeclaredEventReader reader, BadRecordLog badRecordLog, int allowedLatenessMinutes) {
        this(reader.plan(), reader, badRecordLog, allowedLatenessMinutes);
    }

    public InvocationResult process(Invocation invocation) {
        WindowStateCodec.Restored restored = WindowStateCodec.restore(invocation.state(), plan, invocation.shardId(),
                invocation.windowStart(), invocation.windowEnd());
        WindowState state = restored.state();
        if (state == null) {
            state = new WindowState(plan, invocation.shardId(), invocation.windowStart(), invocation.windowEnd());
        }
        long firstMinute = Math.floorDiv(invocation.windowStart(), 60_000L) - allowedLatenessMinutes;
        long lastMinute = Math.floorDiv(invocation.windowEnd() - 1, 60_000L) + 1;

        String firstFailure = null;
        for (StreamRecord record : invocation.records()) {
            List<Outcome> outcomes;
            try {
                outcomes = read(record);
            } catch (RuntimeException e) {
                firstFailure = record.sequenceNumber();
                break;
            }
            fold(state, record, outcomes, firstMinute, lastMinute);
        }

        if (firstFailure != null || !invocation.finalInvoke()) {
            return new InvocationResult(WindowStateCodec.toStateMap(state), firstFailure, null, state,
                    restored.notice());
        }
        WindowOutput output = state.isEmpty() ? null : output(state);
        return new InvocationResult(Map.of(), null, output, state, restored.notice());
    }

    private record Outcome(long subSequenceNumber, ParseOutcome parsed) {
    }

    /** Everything that may throw happens here, before the state changes, so a failing record leaves no trace. */
    private List<Outcome> read(StreamRecord record) {
        List<UserRecord> userRecords;
        try {
            userRecords = Deaggregator.deaggregate(record.data(), record.partitionKey(), null);
        } catch (InvalidAggregateException e) {
            return List.of(new Outcome(0, new ParseOutcome.Rejected(BadRecordReason.CORRUPT_AGGREGATE, e.getMessage())));
        }
        List<Outcome> outcomes = new ArrayList<>(userRecords.size());
        for (UserRecord userRecord : userRecords) {
            outcomes.add(new Outcome(userRecord.subSequenceNumber(), parser.parse(userRecord.data())));
        }
        return outcomes;
    }

    private void fold(WindowState state, StreamRecord record, List<Outcome> outcomes, long firstMinute,
                      long lastMinute) {
        state.kinesisRecords++;
        if (state.firstSequenceNumber == null) {
            state.firstSequenceNumber = record.sequenceNumber();
        }
        state.lastSequenceNumber = record.sequenceNumber();
        for (Outcome outcome : outcomes) {
            state.userRecords++;
            if (outcome.parsed() instanceof ParseOutcome.Parsed parsed) {
                Event event = parsed.event();
                long minute = Math.floorDiv(event.eventTimeMillis(), 60_000L);
                if (!state.recentEventIds.add(event.eventIdHash())) {
                    state.duplicates++;
                } else if (minute < firstMinute || minute > lastMinute) {
                    bad(state, record, outcome.subSequenceNumber(), BadRecordReason.OUT_OF_WINDOW_RANGE,
                            "event minute " + minute + " outside " + firstMinute + ".." + lastMinute);
                } else {
                    state.minute(minute).add(event);
                }
            } else if (outcome.parsed() instanceof ParseOutcome.Rejected rejected) {
                bad(state, record, outcome.subSequenceNumber(), rejected.reason(), rejected.detail());
            } else {
                state.ignoredRecords++;
            }
        }
    }

    private void bad(WindowState state, StreamRecord record, long subSequence, BadRecordReason reason, String detail) {
        state.countBad(reason);
        badRecordLog.badRecord(state.shardId(), record.sequenceNumber(), subSequence, reason, detail);
    }

    /** The items of a finished window: one per minute it saw, plus its accounting. */
    public static WindowOutput output(WindowState state) {
        WindowKey key = new WindowKey(state.shardId(), state.windowStartMillis(), state.windowEndMillis(),
                state.firstSequenceNumber(), state.lastSequenceNumber());
        List<MinuteItem> minutes = new ArrayList<>(state.minutes.size());
        long events = 0;
        for (Map.Entry<Long, MinuteAggregate> entry : state.minutes.entrySet()) {
            MinuteAggregate minute = entry.getValue();
            events += minute.events();
            minutes.add(new MinuteItem(entry.getKey(), key, minute.events(), minute.values()));
        }
        Map<String, Long> bad = new java.util.TreeMap<>();
        for (BadRecordReason reason : BadRecordReason.values()) {
            if (state.badRecords(reason) > 0) {
                bad.put(reason.name(), state.badRecords(reason));
            }
        }
        WindowSummaryItem summary = new WindowSummaryItem(key, state.kinesisRecords(), state.userRecords(), events,
                state.ignoredRecords(), state.duplicates(), bad);
        return new WindowOutput(minutes, summary);
    }
}
