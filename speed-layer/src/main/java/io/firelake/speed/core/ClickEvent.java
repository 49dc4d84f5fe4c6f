package io.firelake.speed.core;

/**
 * The few fields of a valid event that the speed layer aggregates.
 *
 * @param type            the event type
 * @param eventTimeMillis event time, epoch milliseconds UTC
 * @param sessionId       the session, for the distinct-sessions sketch
 * @param page            the page key: page_url without query string or fragment, at most {@link ClickEventParser#MAX_PAGE_KEY_LENGTH} chars
 * @param currency        ISO 4217 code of a purchase, else null
 * @param revenueCents    price x quantity in hundredths of the currency, 0 unless a purchase
 * @param quantity        items of a purchase (1 when absent), else 0
 * @param eventIdHash     64-bit hash of event_id, to drop duplicates (see {@link RecentEventIds})
 */
public record ClickEvent(EventType type, long eventTimeMillis, String sessionId, String page, String currency,
                         long revenueCents, int quantity, long eventIdHash) {

    /** An event whose id plays no part (tests of aggregation alone). */
    public ClickEvent(EventType type, long eventTimeMillis, String sessionId, String page, String currency,
                      long revenueCents, int quantity) {
        this(type, eventTimeMillis, sessionId, page, currency, revenueCents, quantity, 0);
    }
}
