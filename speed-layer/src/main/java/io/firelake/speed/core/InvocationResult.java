package io.firelake.speed.core;

import java.util.Map;

/**
 * What an invocation produced.
 *
 * @param state                 the state map to return (covers every record before {@code firstFailedSequenceNumber})
 * @param firstFailedSequenceNumber the first record that could not be processed, or null: Lambda retries from it
 * @param output                the window's items to write, only on a final invocation without failure, else null
 * @param windowState           the window state after this invocation (for logs and tests)
 * @param stateNotice           what became of the state the invocation brought, when it was not simply resumed, else
 *                              null (for the log)
 */
public record InvocationResult(Map<String, String> state, String firstFailedSequenceNumber, WindowOutput output,
                               WindowState windowState, StateNotice stateNotice) {
}
