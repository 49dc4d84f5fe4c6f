package io.firelake.local.eventsource;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The invocation context of a local Lambda run, one per invocation: a fresh request id, Lambda's 5-minute ceiling,
 * and a logger that goes where the caller says (CloudWatch Logs on AWS). Shared by every in-process invoker.
 */
public final class LocalLambdaContext implements Context {

    private static final long TIMEOUT_MILLIS = 300_000;

    private final String functionName;
    private final int memoryLimitMb;
    private final Consumer<String> log;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;

    /** A context whose logger prints to standard output. */
    public LocalLambdaContext(String functionName) {
        this(functionName, 512, System.out::println);
    }

    public LocalLambdaContext(String functionName, int memoryLimitMb, Consumer<String> log) {
        this.functionName = functionName;
        this.memoryLimitMb = memoryLimitMb;
        this.log = log;
    }

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
        return KinesisEventJson.LOCAL_ARN_PREFIX + "lambda:" + KinesisEventJson.LOCAL_REGION + ":"
                + KinesisEventJson.LOCAL_ACCOUNT + ":function:" + functionName;
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
        return memoryLimitMb;
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
