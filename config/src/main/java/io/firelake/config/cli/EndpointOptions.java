package io.firelake.config.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --endpoint} (also spelled {@code --endpoint-url}, as the AWS CLI does) and {@code --region}, for the commands
 * that call AWS or a local stand-in for it. Only the values: the SDK clients are built elsewhere.
 *
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html">Service-specific endpoints (AWS_ENDPOINT_URL)</a>
 */
public final class EndpointOptions {

    /** The AWS SDKs' and CLI's variable for an endpoint for every service; read when no option names one. */
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    @Option(names = {"--endpoint", "--endpoint-url"}, paramLabel = "URL", converter = EndpointConverter.class,
            description = "Send the AWS calls to this endpoint instead of AWS's: the one AWS endpoint of 'firelake "
                    + "local up' (http://127.0.0.1:4566: Firehose, Glue, Athena, CloudWatch, Kinesis, S3, DynamoDB) "
                    + "or one of its engines, such as kinesalite (http://127.0.0.1:4567) or DynamoDB Local "
                    + "(http://127.0.0.1:4569); they take the fake local credentials (default: $"
                    + ENDPOINT_VARIABLE + "; omit on AWS).")
    URI endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the AWS default region chain; us-east-1 with an endpoint).")
    String region;

    /** The option, else {@code $AWS_ENDPOINT_URL}, else none (AWS's own endpoints). */
    public Optional<URI> endpoint() {
        return endpoint(endpoint, System.getenv());
    }

    public Optional<String> region() {
        return Optional.ofNullable(region).filter(r -> !r.isBlank());
    }

    /** Whether an endpoint or a region is set, which tells a command that can read local files to call AWS instead. */
    public boolean given() {
        return endpoint().isPresent() || region().isPresent();
    }

    static Optional<URI> endpoint(URI given, Map<String, String> environment) {
        if (given != null) {
            return Optional.of(given);
        }
        String variable = environment.get(ENDPOINT_VARIABLE);
        if (variable == null || variable.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EndpointConverter.parse(variable));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + ENDPOINT_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    /** An endpoint is an http or https URL with a host: what the SDKs' endpoint override takes. */
    public static final class EndpointConverter implements ITypeConverter<URI> {

        @Override
        public URI convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        static URI parse(String value) {
            URI uri;
            try {
                uri = URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not a URL (e.g. http://127.0.0.1:4567)", e);
            }
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("'" + value + "' is not an http:// or https:// URL with a host "
                        + "(e.g. http://127.0.0.1:4567)");
            }
            return uri;
        }
    }
}
