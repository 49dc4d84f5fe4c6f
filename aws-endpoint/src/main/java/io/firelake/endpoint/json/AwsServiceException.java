package io.firelake.endpoint.json;

/**
 * An error answered in the shape of the AWS JSON protocols: HTTP status, {@code x-amzn-ErrorType} header and body
 * {@code {"__type": "<name>", "message": "..."}}. The names are the services' own (from their models), so an SDK
 * raises its typed exception (for example {@code ResourceNotFoundException}) exactly as against AWS.
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization">AWS JSON 1.1 errors</a>
 */
public final class AwsServiceException extends RuntimeException {

    private final String errorType;
    private final int status;
    private final java.util.Map<String, String> members;

    public AwsServiceException(String errorType, String message, int status) {
        this(errorType, message, status, java.util.Map.of());
    }

    private AwsServiceException(String errorType, String message, int status, java.util.Map<String, String> members) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
        this.members = members;
    }

    /** The same error with one more member of the error shape in its body (Athena's {@code AthenaErrorCode}). */
    public AwsServiceException with(String member, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(members);
        more.put(member, value);
        return new AwsServiceException(errorType, getMessage(), status, java.util.Map.copyOf(more));
    }

    /** Members of the error shape besides the message. */
    public java.util.Map<String, String> members() {
        return members;
    }

    /** A client error: HTTP 400, the usual status of every modelled service exception. */
    public static AwsServiceException of(String errorType, String message) {
        return new AwsServiceException(errorType, message, 400);
    }

    public static AwsServiceException validation(String message) {
        return of("ValidationException", message);
    }

    public static AwsServiceException serialization(String message) {
        return of("SerializationException", message);
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }
}
