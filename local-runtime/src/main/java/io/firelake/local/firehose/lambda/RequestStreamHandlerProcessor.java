package io.firelake.local.firehose.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.firelake.local.firehose.Processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Invokes a Lambda {@link RequestStreamHandler} in this process the way the Lambda runtime does: the event as bytes
 * in, the response as bytes out, with a {@link Context} whose logger goes where the caller says (CloudWatch Logs on
 * AWS).
 */
public final class RequestStreamHandlerProcessor implements Processor {

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
        handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext());
        return out.toByteArray();
    }

    private final class LocalContext implements Context {
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline = System.currentTimeMillis() + 5 * 60 * 1000;

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    log.accept(message);
                }

                @Override
                public void log(byte[] message) {
                    log.accept(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
