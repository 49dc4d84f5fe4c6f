package io.firelake.local.firehose;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on a task of another thread, for the delivery stream's threads. */
final class Tasks {

    private Tasks() {
    }

    /** The task's result; a task that threw is a bug of the delivery stream, reported with {@code what} it was. */
    static <T> T await(Future<T> task, String what) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed unexpectedly: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
