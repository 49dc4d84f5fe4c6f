package io.firelake.local.firehose.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.firelake.local.eventsource.LocalLambdaContext;
import io.firelake.local.firehose.Processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Invokes a Lambda {@link RequestStreamHandler} in this process the way the Lambda runtime does: the event as bytes
 * in, the response as bytes out, with a {@link LocalLambdaContext} whose logger goes where the caller says (CloudWatch Logs on
 * AWS).
 */
public final class RequestStreamHandlerProcessor implements Processor {

    /** The transform's memory size in the SAM template: what the handler sees as its limit. */
    private static final int TRANSFORM_MEMORY_MB = 1024;

    private final RequestStreamHandler handler;
    private final String functionName;
    private final Consumer<String> log;

    public RequestStreamHandlerProcessor(RequestStreamHandler handler, String functionName, Consumer<String> log) {
        this.handler = handler;
        this.functionName = functionName;
        this.log = log;
    }

    /** Loads a handler class with a public no-arg constructor, as the Lambda runtime does. */
    public static RequestStreamHandler load(String className) {
        try {
            return (RequestStreamHandler) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot load the transform handler " + className + ": " + e, e);
        }
    }

    @Override
    public byte[] invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 1024);
        handler.handleRequest(new ByteArrayInputStream(event), out,
                new LocalLambdaContext(functionName, TRANSFORM_MEMORY_MB, log));
        return out.toByteArray();
    }
}
