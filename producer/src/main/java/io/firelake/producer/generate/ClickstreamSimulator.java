package io.firelake.producer.generate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.simulate.EventWriter;
import io.firelake.producer.model.ProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic clickstream: visitors on devices arrive from search engines, social posts, newsletters and partner
 * sites (with UTM campaigns), browse a small shop (landing, search, product, cart, checkout, purchase) along a funnel
 * where most leave early, and crawlers walk the pages without buying. Sessions run concurrently and interleave.
 * Live events carry the clock's time; in history mode the events are spread over a past span along a diurnal curve.
 *
 * <p>Events are written from the contract: only its raw fields, in its order, its event types, and what a field's
 * type allows (or, for the {@code wrong_type} and {@code missing_field} faults, on purpose not). The partition key is
 * the session id. Who visits is the {@link SessionPool}'s, what they do the {@link ShopperJourney}'s, and how records
 * break the {@link FaultInjector}'s; all draw from one random, in one order, so a seed gives the same records.
 */
public final class ClickstreamSimulator implements Iterator<ProducerRecord> {

    static final int CATALOGUE_SIZE = 240;

    private final SimulationSettings settings;
    private final Random random;
    private final SessionPool sessions;
    private final ShopperJourney journey;
    private final FaultInjector faults;
    private final Instant historyEnd;
    private final double meanGapNanos;
    private double simulatedNanos;
    private long emitted;

    public ClickstreamSimulator(SimulationSettings settings) {
        this(settings, EventContract.clickstream());
    }

    public ClickstreamSimulator(SimulationSettings settings, EventContract contract) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        Catalogue catalogue = new Catalogue(new Random(settings.seed() ^ 0x5EEDCA7L), CATALOGUE_SIZE);
        this.sessions = new SessionPool(settings, random);
        this.journey = new ShopperJourney(random, catalogue);
        this.faults = new FaultInjector(settings.faults(), contract, new EventWriter(contract), random);
        requireEventTypes(contract);
        if (settings.history()) {
            Duration span = settings.span() != null ? settings.span()
                    : Duration.between(settings.startTime(), settings.clock().instant());
            if (span.isNegative() || span.isZero()) {
                throw new IllegalArgumentException("--start-time " + settings.startTime()
                        + " is not in the past: give --duration for the simulated span");
            }
            this.historyEnd = settings.startTime().plus(span);
            this.meanGapNanos = (double) span.toNanos() / Math.max(1, settings.events());
        } else {
            this.historyEnd = null;
            this.meanGapNanos = 0;
        }
    }

    private static void requireEventTypes(EventContract contract) {
        FieldSpec type = contract.raw().field("event_type").orElseThrow(() ->
                new IllegalArgumentException("the contract has no event_type field"));
        Set<String> symbols = new HashSet<>(type.types().get(0).symbols());
        for (String needed : List.of("page_view", "click", "search", "add_to_cart", "checkout", "purchase")) {
            if (!symbols.contains(needed)) {
                throw new IllegalArgumentException("the contract's event_type lacks '" + needed + "'");
            }
        }
    }

    @Override
    public boolean hasNext() {
        return emitted < settings.events();
    }

    @Override
    public ProducerRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        FaultKind fault = faults.pick();
        if (fault == FaultKind.DUPLICATE) {
            ProducerRecord duplicate = faults.duplicate();
            if (duplicate != null) {
                return duplicate;
            }
            fault = null;
        }
        Instant sendTime = nextTime();
        Session session = sessions.pick();
        Map<String, Object> event = journey.nextEvent(session, sendTime);
        if (fault == FaultKind.LATE) {
            faults.makeLate(event, sendTime, journey);
        }
        return faults.encode(session, event, fault);
    }

    private Instant nextTime() {
        if (historyEnd == null) {
            return settings.clock().instant();
        }
        Instant current = settings.startTime().plusNanos((long) simulatedNanos);
        double hour = current.atOffset(ZoneOffset.UTC).getHour() + current.atOffset(ZoneOffset.UTC).getMinute() / 60.0;
        double gap = -Math.log(1 - random.nextDouble()) * meanGapNanos * DiurnalCurve.mean()
                / DiurnalCurve.weight(hour);
        simulatedNanos += gap;
        return current.isAfter(historyEnd) ? historyEnd : current;
    }

    /** Records produced so far. */
    public long emitted() {
        return emitted;
    }
}
