package io.firelake.local.eventsource;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a Java {@link RequestHandler} the way Lambda's Java runtime does: the event JSON is parsed with the runtime's
 * own serialisers (aws-lambda-java-serialization, the library the managed runtime uses for the
 * aws-lambda-java-events types, with its mix-ins for base64 data and epoch-second timestamps), and the handler's
 * response is serialised back to JSON. So the local run exercises the same JSON contract as AWS, not a shortcut through
 * shared objects.
 */
public final class JavaHandlerFunction<I, O> implements LambdaFunction {

    private final RequestHandler<I, O> handler;
    private final PojoSerializer<I> input;
    private final PojoSerializer<O> output;
    private final String functionName;

    private JavaHandlerFunction(RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType,
                                String functionName) {
        this.handler = handler;
        this.functionName = functionName;
        ClassLoader loader = handler.getClass().getClassLoader();
        this.input = LambdaEventSerializers.serializerFor(inputType, loader);
        this.output = LambdaEventSerializers.serializerFor(outputType, loader);
    }

    public static <I, O> JavaHandlerFunction<I, O> of(String functionName, RequestHandler<I, O> handler,
                                                      Class<I> inputType, Class<O> outputType) {
        return new JavaHandlerFunction<>(handler, inputType, outputType, functionName);
    }

    @Override
    public String invoke(String eventJson) {
        I event = input.fromJson(eventJson);
        O response = handler.handleRequest(event, new LocalLambdaContext(functionName));
        if (response == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
