package io.firelake.benchmarks.transform;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda context whose logger counts what the handler logs instead of printing it: the failure lines are still built
 * (that cost is the handler's), but the terminal does not slow the benchmark down.
 */
public final class QuietContext implements Context {

    private long loggedBytes;

    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            loggedBytes += message.length();
        }

        @Override
        public void log(byte[] message) {
            loggedBytes += message.length;
        }
    };

    public long loggedBytes() {
        return loggedBytes;
    }

    @Override
    public String getAwsRequestId() {
        return "benchmark";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/firelake-transform";
    }

    @Override
    public String getLogStreamName() {
        return "benchmark";
    }

    @Override
    public String getFunctionName() {
        return "firelake-transform";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:firelake-transform";
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
        return 300_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1769;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
