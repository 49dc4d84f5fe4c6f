package io.firelake.endpoint.cloudwatch;

import io.firelake.endpoint.json.AwsServiceException;

/**
 * CloudWatch's errors by the names of their shapes in the model (the protocol layer answers the Query protocol's code,
 * {@code InvalidParameterValue}, from the shape's); {@code ValidationError}, which CloudWatch answers for a value
 * outside its constraints and which has no shape.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html">Common errors</a>
 */
final class CloudWatchErrors {

    static final String VALIDATION = "ValidationError";
    static final String INVALID_VALUE = "InvalidParameterValueException";
    static final String INVALID_COMBINATION = "InvalidParameterCombinationException";
    static final String MISSING = "MissingRequiredParameterException";
    static final String INVALID_NEXT_TOKEN = "InvalidNextToken";

    private CloudWatchErrors() {
    }

    static AwsServiceException validation(String message) {
        return AwsServiceException.of(VALIDATION, message);
    }

    static AwsServiceException invalidValue(String message) {
        return AwsServiceException.of(INVALID_VALUE, message);
    }

    static AwsServiceException invalidCombination(String message) {
        return AwsServiceException.of(INVALID_COMBINATION, message);
    }

    static AwsServiceException missing(String parameter) {
        return AwsServiceException.of(MISSING, "The parameter " + parameter + " is required.");
    }
}
