package io.firelake.speed.core;

/** Turns a user record's bytes into an outcome. Implementations never throw for bad input. */
@FunctionalInterface
public interface EventParser {
    ParseOutcome parse(byte[] data);
}
