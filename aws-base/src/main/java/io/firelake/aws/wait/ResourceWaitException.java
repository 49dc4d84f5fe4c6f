package io.firelake.aws.wait;

/** A resource that failed, or did not become ready in time: the message names it, its status and what to do. */
public final class ResourceWaitException extends IllegalStateException {

    public ResourceWaitException(String message) {
        super(message);
    }
}
