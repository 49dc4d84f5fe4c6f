package io.firelake.local.firehose;

/** Where the {@link Router} sends one record. */
sealed interface Route {

    /** The processor dropped it: nothing is written to S3 (the local dropped log lists it). */
    Route DROPPED = new Dropped();

    record Dropped() implements Route {
    }

    /** Into the lake buffer of this dynamic partition: its prefix with the partition keys rendered, not the times. */
    record ToLake(String prefix) implements Route {
    }

    /** Into the error buffer of this error output type, as this error document. */
    record ToErrorPrefix(String outputType, String errorCode, byte[] document) implements Route {
    }
}
