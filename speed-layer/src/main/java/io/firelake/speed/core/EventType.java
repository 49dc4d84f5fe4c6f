package io.firelake.speed.core;

/** The event types of the raw contract (the EventType enum of clickstream-raw.avsc), in a fixed order for compact state. */
public enum EventType {
    PAGE_VIEW("page_view"),
    CLICK("click"),
    SEARCH("search"),
    ADD_TO_CART("add_to_cart"),
    CHECKOUT("checkout"),
    PURCHASE("purchase");

    private static final EventType[] VALUES = values();

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null when the name is not in the contract. */
    public static EventType fromWireName(String name) {
        return switch (name) {
            case "page_view" -> PAGE_VIEW;
            case "click" -> CLICK;
            case "search" -> SEARCH;
            case "add_to_cart" -> ADD_TO_CART;
            case "checkout" -> CHECKOUT;
            case "purchase" -> PURCHASE;
            default -> null;
        };
    }

    static EventType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
