package io.firelake.producer.generate;

/** One visit: who it is, on what device, and where along the shop's funnel it stands. */
final class Session {

    /** Where a session goes next; {@code EXIT} ends it and frees its place for a new visitor. */
    enum Step { LANDING, SEARCH, PRODUCT, CLICK, ADD_TO_CART, CHECKOUT, PURCHASE, EXIT }

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
