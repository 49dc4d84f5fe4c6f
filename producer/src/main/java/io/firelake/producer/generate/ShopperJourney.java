package io.firelake.producer.generate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The event kinds along a session's way through the shop: a human lands (from a campaign or not), searches, views and
 * clicks products, adds to the cart, checks out and buys, with most leaving early; a crawler views pages until its
 * page budget is spent. Each call writes one event and moves the session to its next step.
 */
final class ShopperJourney {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ZoneOffset[] CLIENT_OFFSETS = {ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30)};

    private final Random random;
    private final Catalogue catalogue;

    ShopperJourney(Random random, Catalogue catalogue) {
        this.random = random;
        this.catalogue = catalogue;
    }

    /** The session's next event, its fields in no particular order (the writer orders them by the contract). */
    Map<String, Object> nextEvent(Session session, Instant time) {
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

    /** Mostly ISO-8601 UTC with millis; some clients send a local offset, some epoch milliseconds. */
    Object formatTime(Instant time) {
        double u = random.nextDouble();
        if (u < 0.05) {
            return time.toEpochMilli();
        }
        if (u < 0.10) {
            return ISO_MILLIS.format(time.atOffset(CLIENT_OFFSETS[random.nextInt(CLIENT_OFFSETS.length)]));
        }
        return ISO_MILLIS.format(time.atOffset(ZoneOffset.UTC));
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
        session.next = session.pagesLeft <= 0 ? Session.Step.EXIT : Session.Step.PRODUCT;
    }

    private void humanStep(Session session, Map<String, Object> event) {
        switch (session.next) {
            case LANDING -> landing(session, event);
            case SEARCH -> {
                String query = Catalogue.search(random);
                String url = Catalogue.SHOP + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
                event.put("event_type", "search");
                event.put("page_url", url);
                event.put("search_query", query);
                session.currentUrl = url;
                session.next = choose(new double[] {0.60, 0.15, 0.25}, Session.Step.PRODUCT, Session.Step.SEARCH,
                        Session.Step.EXIT);
            }
            case PRODUCT, CLICK -> product(session, event);
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
                session.next = choose(new double[] {0.45, 0.30, 0.25}, Session.Step.CHECKOUT, Session.Step.PRODUCT,
                        Session.Step.EXIT);
            }
            case CHECKOUT -> checkout(session, event);
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
                session.next = choose(new double[] {0.8, 0.2}, Session.Step.EXIT, Session.Step.PRODUCT);
            }
            case EXIT -> throw new IllegalStateException("an ended session was picked");
        }
    }

    private void landing(Session session, Map<String, Object> event) {
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
        session.next = choose(new double[] {0.40, 0.45, 0.15}, Session.Step.SEARCH, Session.Step.PRODUCT,
                Session.Step.EXIT);
    }

    private void product(Session session, Map<String, Object> event) {
        boolean click = session.next == Session.Step.CLICK;
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
        session.next = click ? Session.Step.PRODUCT
                : choose(new double[] {0.25, 0.20, 0.12, 0.10, 0.33}, Session.Step.ADD_TO_CART, Session.Step.CLICK,
                Session.Step.SEARCH, Session.Step.PRODUCT, Session.Step.EXIT);
    }

    private void checkout(Session session, Map<String, Object> event) {
        event.put("event_type", "checkout");
        event.put("page_url", Catalogue.SHOP + "/checkout");
        if (session.cart != null) {
            event.put("product_id", session.cart.id());
            event.put("price", session.cart.price());
            event.put("currency", session.currency);
            event.put("quantity", session.cartQuantity);
        }
        session.currentUrl = Catalogue.SHOP + "/checkout";
        session.next = session.cart == null ? Session.Step.EXIT
                : choose(new double[] {0.65, 0.35}, Session.Step.PURCHASE, Session.Step.EXIT);
    }

    private Session.Step choose(double[] weights, Session.Step... steps) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return steps[i];
            }
        }
        return steps[steps.length - 1];
    }
}
