package io.firelake.local.firehose;

/**
 * The data-transformation Lambda, invoked synchronously with the serialized event; returns the serialized response.
 * An exception is a failed invocation (Firehose retries it).
 */
@FunctionalInterface
public interface Processor {

    byte[] invoke(byte[] event) throws Exception;
}
