package io.firelake.producer.generate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.producer.model.ProducerRecord;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A deterministic clickstream: visitors on devices arrive from search engines, social posts, newsletters and partner
 * sites (with UTM campaigns), browse a small shop (landing, search, product, cart, checkout, purchase) along a funnel
 * where most leave early, and crawlers walk the pages without buying. Sessions run concurrently and interleave.
 * Live events carry the clock's time; in history mode the events are spread over a past span along a diurnal curve.
 *
 * <p>Events are written from the contract: only its raw fields, in its order, its event types, and what a field's
 * type allows (or, for the {@code wrong_type} and {@code missing_field} faults, on purpose not). The partition key is
 * the session id.
 */
public final class ClickstreamSimulator implements Iterator<ProducerRecord> {

    static final int CATALOGUE_SIZE = 240;
    private static final int MAX_CONCURRENT_SESSIONS = 200;
    private static final int RECENT_FOR_DUPLICATES = 32;
    /** A bit over Firehose's 1,000 KiB record limit, a bit under Kinesis' 1 MiB. */
    static final int OVERSIZED_BYTES = 1_030_000;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ZoneOffset[] CLIENT_OFFSETS = {ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30)};

    private enum Step { LANDING, SEARCH, PRODUCT, CLICK, ADD_TO_CART, CHECKOUT, PURCHASE, EXIT }

    private static final class Session {
        final String id;
        final String userId;
        final Audience.Device device;
        final String ip;
        final String currency;
        final boolean bot;
        Step next = Step.LANDING;
        String currentUrl;
        Catalogue.Product product;
        Catalogue.Product cart;
        int cartQuantity;
        int pagesLeft;

        Session(String id, String userId, Audience.Device device, String ip, String currency, boolean bot) {
            this.id = id;
            this.userId = userId;
            this.device = device;
            this.ip = ip;
            this.currency = currency;
            this.bot = bot;
        }
    }

    private final SimulationSettings settings;
    private final EventContract contract;
    private final EventWriter writer;
    private final Random random;
    private final Catalogue catalogue;
    private final List<Session> sessions = new ArrayList<>();
    private final int concurrency;
    private final List<ProducerRecord> recentValid = new ArrayList<>();
    private final Instant historyEnd;
    private final double meanGapNanos;
    private double simulatedNanos;
    private long emitted;

    public ClickstreamSimulator(SimulationSettings settings) {
        this(settings, EventContract.clickstream());
    }

    public ClickstreamSimulator(SimulationSettings settings, EventContract contract) {
        this.settings = settings;
        this.contract = contract;
        this.writer = new EventWriter(contract);
        this.random = new Random(settings.seed());
        this.catalogue = new Catalogue(new Random(settings.seed() ^ 0x5EEDCA7L), CATALOGUE_SIZE);
        this.concurrency = Math.max(1, Math.min(MAX_CONCURRENT_SESSIONS, settings.users() / 5));
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
        FaultKind fault = settings.faults().pick(random.nextDouble());
        if (fault == FaultKind.DUPLICATE && !recentValid.isEmpty()) {
            ProducerRecord original = recentValid.get(random.nextInt(recentValid.size()));
            return new ProducerRecord(original.data(), original.partitionKey(), FaultKind.DUPLICATE.label(),
                    original.eventId());
        }
        if (fault == FaultKind.DUPLICATE) {
            fault = null;
        }
        Instant sendTime = nextTime();
        Session session = pickSession();
        Map<String, Object> event = nextEvent(session, sendTime);
        if (fault == FaultKind.LATE) {
            Instant late = sendTime.minusMillis(3_600_000L + (long) (random.nextDouble() * 47 * 3_600_000L));
            event.put("event_time", formatTime(late));
        }
        return encode(session, event, fault);
    }

    private ProducerRecord encode(Session session, Map<String, Object> event, FaultKind fault) {
        String eventId = (String) event.get("event_id");
        if (fault == null || fault == FaultKind.LATE) {
            ProducerRecord record = new ProducerRecord(writer.write(event), session.id,
                    fault == null ? ProducerRecord.VALID : fault.label(), eventId);
            if (fault == null) {
                remember(record);
            }
            return record;
        }
        byte[] data = switch (fault) {
            case MALFORMED_JSON -> malformed(writer.write(event));
            case INVALID_UTF8 -> invalidUtf8(writer.write(event));
            case WRONG_TYPE -> writer.write(withWrongType(event));
            case MISSING_FIELD -> {
                Map<String, Object> missing = withoutRequiredField(event);
                if (!missing.containsKey("event_id")) {
                    eventId = null;
                }
                yield writer.write(missing);
            }
            case OVERSIZED -> writer.write(oversized(event));
            default -> throw new IllegalStateException("unhandled fault " + fault);
        };
        return new ProducerRecord(data, session.id, fault.label(), eventId);
    }

    private void remember(ProducerRecord record) {
        if (recentValid.size() < RECENT_FOR_DUPLICATES) {
            recentValid.add(record);
        } else {
            recentValid.set(random.nextInt(RECENT_FOR_DUPLICATES), record);
        }
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

    private Session pickSession() {
        while (sessions.size() < concurrency) {
            sessions.add(newSession());
        }
        int index = random.nextInt(sessions.size());
        Session session = sessions.get(index);
        if (session.next == Step.EXIT) {
            session = newSession();
            sessions.set(index, session);
        }
        return session;
    }

    private Session newSession() {
        int userIndex = random.nextInt(settings.users());
        Random user = new Random(settings.seed() * 1_000_003L + userIndex);
        boolean bot = random.nextDouble() < settings.botShare();
        String id = sessionId(random.nextLong());
        if (bot) {
            Session session = new Session(id, null, Audience.bot(random), Audience.ip(random), "EUR", true);
            session.pagesLeft = 5 + random.nextInt(40);
            return session;
        }
        boolean signedIn = user.nextDouble() < 0.65 && random.nextDouble() < 0.8;
        String userId = signedIn ? String.format("u-%07d", userIndex) : null;
        String currency = user.nextDouble() < 0.7 ? "EUR" : (user.nextBoolean() ? "USD" : "GBP");
        return new Session(id, userId, Audience.humanDevice(user), Audience.ip(user), currency, false);
    }

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** 8 base-62 digits (47 random bits): short ids keep the partition key tables of aggregates small. */
    static String sessionId(long bits) {
        char[] id = {'s', '-', '0', '0', '0', '0', '0', '0', '0', '0'};
        long value = bits >>> 17;
        for (int i = id.length - 1; i >= 2; i--) {
            id[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(id);
    }

    private Map<String, Object> nextEvent(Session session, Instant time) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema_version", 1);
        event.put("event_id", new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString());
        event.put("event_time", formatTime(time));
        event.put("session_id", session.id);
        event.put("user_id", session.userId);
        event.put("user_agent", session.device.userAgent());
        event.put("ip", session.ip);
        String previousUrl = session.currentUrl;
        if (session.bot) {
            botStep(session, event);
        } else {
            humanStep(session, event);
        }
        if (previousUrl != null) {
            event.put("referrer", previousUrl);
        }
        return event;
    }

    private void botStep(Session session, Map<String, Object> event) {
        Catalogue.Product product = catalogue.pick(random);
        String url = random.nextInt(4) == 0 ? Catalogue.SHOP + "/c/" + product.category() : product.url();
        event.put("event_type", "page_view");
        event.put("page_url", url);
        if (url.equals(product.url())) {
            event.put("product_id", product.id());
        }
        session.currentUrl = url;
        session.pagesLeft--;
        session.next = session.pagesLeft <= 0 ? Step.EXIT : Step.PRODUCT;
    }

    private void humanStep(Session session, Map<String, Object> event) {
        switch (session.next) {
            case LANDING -> {
                Audience.Source source = Audience.source(random);
                Catalogue.Product product = catalogue.pick(random);
                String page = switch (random.nextInt(3)) {
                    case 0 -> Catalogue.SHOP + "/";
                    case 1 -> Catalogue.SHOP + "/c/" + product.category();
                    default -> product.url();
                };
                String url = source.hasCampaign() ? page + "?utm_source=" + source.utmSource() + "&utm_medium="
                        + source.utmMedium() + "&utm_campaign=" + source.utmCampaign() : page;
                event.put("event_type", "page_view");
                event.put("page_url", url);
                if (page.equals(product.url())) {
                    event.put("product_id", product.id());
                    session.product = product;
                }
                if (source.referrer() != null) {
                    event.put("referrer", source.referrer());
                }
                session.currentUrl = url;
                session.next = choose(new double[] {0.40, 0.45, 0.15}, Step.SEARCH, Step.PRODUCT, Step.EXIT);
            }
            case SEARCH -> {
                String query = Catalogue.search(random);
                String url = Catalogue.SHOP + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
                event.put("event_type", "search");
                event.put("page_url", url);
                event.put("search_query", query);
                session.currentUrl = url;
                session.next = choose(new double[] {0.60, 0.15, 0.25}, Step.PRODUCT, Step.SEARCH, Step.EXIT);
            }
            case PRODUCT, CLICK -> {
                boolean click = session.next == Step.CLICK;
                Catalogue.Product product = session.product != null && random.nextInt(3) == 0
                        ? catalogue.inCategory(random, session.product.category()) : catalogue.pick(random);
                if (click) {
                    event.put("event_type", "click");
                    event.put("page_url", session.currentUrl);
                } else {
                    event.put("event_type", "page_view");
                    event.put("page_url", product.url());
                    session.currentUrl = product.url();
                }
                event.put("product_id", product.id());
                session.product = product;
                session.next = click ? Step.PRODUCT
                        : choose(new double[] {0.25, 0.20, 0.12, 0.10, 0.33}, Step.ADD_TO_CART, Step.CLICK,
                        Step.SEARCH, Step.PRODUCT, Step.EXIT);
            }
            case ADD_TO_CART -> {
                Catalogue.Product product = session.product != null ? session.product : catalogue.pick(random);
                int quantity = 1 + (random.nextDouble() < 0.2 ? 1 + random.nextInt(2) : 0);
                event.put("event_type", "add_to_cart");
                event.put("page_url", product.url());
                event.put("product_id", product.id());
                event.put("price", product.price());
                event.put("currency", session.currency);
                event.put("quantity", quantity);
                session.cart = product;
                session.cartQuantity = quantity;
                session.next = choose(new double[] {0.45, 0.30, 0.25}, Step.CHECKOUT, Step.PRODUCT, Step.EXIT);
            }
            case CHECKOUT -> {
                event.put("event_type", "checkout");
                event.put("page_url", Catalogue.SHOP + "/checkout");
                if (session.cart != null) {
                    event.put("product_id", session.cart.id());
                    event.put("price", session.cart.price());
                    event.put("currency", session.currency);
                    event.put("quantity", session.cartQuantity);
                }
                session.currentUrl = Catalogue.SHOP + "/checkout";
                session.next = session.cart == null ? Step.EXIT
                        : choose(new double[] {0.65, 0.35}, Step.PURCHASE, Step.EXIT);
            }
            case PURCHASE -> {
                Catalogue.Product product = session.cart;
                event.put("event_type", "purchase");
                event.put("page_url", Catalogue.SHOP + "/checkout/confirmation");
                event.put("product_id", product.id());
                event.put("price", product.price());
                event.put("currency", session.currency);
                event.put("quantity", session.cartQuantity);
                session.cart = null;
                session.currentUrl = Catalogue.SHOP + "/checkout/confirmation";
                session.next = choose(new double[] {0.8, 0.2}, Step.EXIT, Step.PRODUCT);
            }
            case EXIT -> throw new IllegalStateException("an ended session was picked");
        }
    }

    private Step choose(double[] weights, Step... steps) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return steps[i];
            }
        }
        return steps[steps.length - 1];
    }

    /** Mostly ISO-8601 UTC with millis; some clients send a local offset, some epoch milliseconds. */
    private Object formatTime(Instant time) {
        double u = random.nextDouble();
        if (u < 0.05) {
            return time.toEpochMilli();
        }
        if (u < 0.10) {
            return ISO_MILLIS.format(time.atOffset(CLIENT_OFFSETS[random.nextInt(CLIENT_OFFSETS.length)]));
        }
        return ISO_MILLIS.format(time.atOffset(ZoneOffset.UTC));
    }

    private byte[] malformed(byte[] json) {
        int cut = json.length / 2 + random.nextInt(Math.max(1, json.length / 2 - 1));
        byte[] out = new byte[cut];
        System.arraycopy(json, 0, out, 0, cut);
        return out;
    }

    private static byte[] invalidUtf8(byte[] json) {
        byte[] marker = "\"page_url\":\"".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(json, marker);
        int insert = at < 0 ? 2 : at + marker.length + 8;
        byte[] out = new byte[json.length + 2];
        System.arraycopy(json, 0, out, 0, insert);
        out[insert] = (byte) 0xC3;
        out[insert + 1] = (byte) 0x28;
        System.arraycopy(json, insert, out, insert + 2, json.length - insert);
        return out;
    }

    private Map<String, Object> withWrongType(Map<String, Object> event) {
        List<FieldSpec> candidates = new ArrayList<>();
        for (FieldSpec field : contract.raw().fields()) {
            if (event.get(field.name()) != null && !field.types().isEmpty()
                    && field.types().get(0).kind() != FieldType.Kind.BOOLEAN) {
                candidates.add(field);
            }
        }
        FieldSpec field = candidates.get(random.nextInt(candidates.size()));
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.put(field.name(), EventWriter.wrongValueFor(field));
        return out;
    }

    private Map<String, Object> withoutRequiredField(Map<String, Object> event) {
        String type = (String) event.get("event_type");
        List<String> required = new ArrayList<>();
        for (FieldSpec field : contract.raw().fields()) {
            if (field.requiredFor(type) && event.get(field.name()) != null) {
                required.add(field.name());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.remove(required.get(random.nextInt(required.size())));
        return out;
    }

    private Map<String, Object> oversized(Map<String, Object> event) {
        Map<String, Object> out = new LinkedHashMap<>(event);
        out.put("event_type", "search");
        String filler = "x".repeat(OVERSIZED_BYTES - writer.write(event).length);
        out.put("search_query", filler);
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Records produced so far. */
    public long emitted() {
        return emitted;
    }
}
