package io.firelake.local.eventsource;

/**
 * A function as the event source mapping sees it: JSON in, JSON out, as Lambda's Invoke API. Throwing is a function
 * error (Lambda's {@code FunctionError: Unhandled}): the mapping retries the batch (bisecting it when configured).
 * Called concurrently for different shards, never concurrently for one shard.
 */
@FunctionalInterface
public interface LambdaFunction {

    String invoke(String eventJson) throws Exception;
}
