package io.firelake.transform.enrich;

/**
 * What the lake keeps of a user agent.
 *
 * @param deviceClass desktop, mobile, tablet, bot or other
 * @param browser     browser family ("Chrome", "Mobile Safari"...), or {@code null} when unknown
 * @param os          operating-system family ("Windows", "iOS"...), or {@code null} when unknown
 * @param bot         a crawler, spider, monitor or HTTP library rather than a person
 */
public record UserAgentInfo(String deviceClass, String browser, String os, boolean bot) {

    public static final String DESKTOP = "desktop";
    public static final String MOBILE = "mobile";
    public static final String TABLET = "tablet";
    public static final String BOT = "bot";
    public static final String OTHER = "other";

    /** No user agent at all: nothing is known. */
    public static final UserAgentInfo UNKNOWN = new UserAgentInfo(OTHER, null, null, false);
}
