package io.firelake.speed.core;

/**
 * What became of the window state an invocation brought, when it was not simply resumed: for the handler to log.
 *
 * @param kind     read in an older layout, read without aggregates the spec dropped, or unreadable and discarded
 * @param stateKey the state map key it was under (its suffix is the layout version)
 * @param detail   why, in words
 */
public record StateNotice(Kind kind, String stateKey, String detail) {

    public enum Kind {
        /** State of an older layout, read; what that layout holds and this one cannot take in is dropped. */
        OLDER_LAYOUT_READ,
        /** State of this layout holding aggregates the spec no longer declares (or keys it no longer has): dropped. */
        AGGREGATES_DROPPED,
        /** State that could not be decoded: the window starts afresh from this invocation's records. */
        UNREADABLE_DISCARDED
    }
}
