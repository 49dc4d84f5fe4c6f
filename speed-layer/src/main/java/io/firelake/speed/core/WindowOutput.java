package io.firelake.speed.core;

import java.util.List;

/** The items a window's final invocation writes: one per event-time minute, plus the window's accounting. */
public record WindowOutput(List<MinuteItem> minutes, WindowSummaryItem summary) {

    public int itemCount() {
        return minutes.size() + 1;
    }
}
