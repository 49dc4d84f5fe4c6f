package io.firelake.local.endpoint;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.BufferingHints;
import io.firelake.local.firehose.ProcessorSettings;
import io.firelake.local.firehose.PrefixRenderer;
import software.amazon.awssdk.services.firehose.model.DataFormatConversionConfiguration;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A delivery stream as {@code CreateDeliveryStream} described it, turned into the local Firehose's configuration,
 * after the checks Firehose makes on an extended S3 destination: prefix expressions, the error prefix, buffering with
 * dynamic partitioning or format conversion, the processor's parameters. What the local Firehose cannot do (ORC, Hive
 * JSON, JQ partitioning, delivery without Parquet conversion) is refused by name.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">Custom prefixes</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html">Dynamic partitioning</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Record format conversion</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Data transformation</a>
 */
public final class DeliveryStreamDescriptions {

    /** With dynamic partitioning or format conversion, S3 buffers are at least 64 MiB. */
    public static final int MIN_BUFFER_MB_WITH_PARTITIONING = 64;
    /** Firehose's default error prefix layout when none is given: the error output type, then the arrival hour. */
    public static final String DEFAULT_ERROR_PREFIX = PrefixRenderer.ERROR_OUTPUT_TYPE + "/!{timestamp:yyyy/MM/dd/HH}/";
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([A-Za-z]+):([^}]*)}");

    private DeliveryStreamDescriptions() {
    }

    /** The local Firehose's configuration, from Firehose's defaults and the stream's description. */
    public static DeliveryStreamConfig toConfig(DeliveryStreamDescription stream) {
        ExtendedS3DestinationDescription s3 = stream.destinations().get(0).extendedS3DestinationDescription();
        boolean dynamic = s3.dynamicPartitioningConfiguration() != null
                && Boolean.TRUE.equals(s3.dynamicPartitioningConfiguration().enabled());
        DataFormatConversionConfiguration conversion = requireParquet(s3.dataFormatConversionConfiguration());
        int sizeMb = s3.bufferingHints().sizeInMBs();
        if ((dynamic || conversion != null) && sizeMb < MIN_BUFFER_MB_WITH_PARTITIONING) {
            throw invalid("BufferingHints.SizeInMBs must be at least " + MIN_BUFFER_MB_WITH_PARTITIONING
                    + " when dynamic partitioning or data format conversion is enabled; it is " + sizeMb + ".");
        }
        String prefix = s3.prefix() == null ? "" : s3.prefix();
        String errorPrefix = checkPrefixes(prefix, s3.errorOutputPrefix(), dynamic);
        DeliveryStreamConfig.Builder config = DeliveryStreamConfig.builder(stream.deliveryStreamName(),
                        sourceStream(stream))
                .s3Buffer((long) sizeMb * 1024 * 1024, Duration.ofSeconds(s3.bufferingHints().intervalInSeconds()))
                .prefixes(prefix, errorPrefix)
                .table(conversion.schemaConfiguration().databaseName(), conversion.schemaConfiguration().tableName());
        processor(s3).ifPresent(p -> {
            config.functionName(functionName(p.get("LambdaArn")));
            long bytes = p.containsKey("BufferSizeInMBs")
                    ? Math.round(Double.parseDouble(p.get("BufferSizeInMBs")) * 1024 * 1024)
                    : BufferingHints.DEFAULT_PROCESSOR_BYTES;
            Duration interval = p.containsKey("BufferIntervalInSeconds")
                    ? Duration.ofSeconds(Long.parseLong(p.get("BufferIntervalInSeconds")))
                    : BufferingHints.DEFAULT_PROCESSOR_INTERVAL;
            config.processorBuffer(bytes, interval);
            if (p.containsKey("NumberOfRetries")) {
                config.retries(Integer.parseInt(p.get("NumberOfRetries")), ProcessorSettings.DEFAULT_RETRY_BACKOFF);
            }
        });
        return config.build();
    }

    /** The Lambda processor's parameters by name, when processing is enabled. */
    public static Optional<Map<String, String>> processor(ExtendedS3DestinationDescription s3) {
        if (s3.processingConfiguration() == null || !Boolean.TRUE.equals(s3.processingConfiguration().enabled())) {
            return Optional.empty();
        }
        var lambdas = s3.processingConfiguration().processors().stream()
                .filter(p -> p.typeAsString().equals("Lambda")).toList();
        if (lambdas.size() != s3.processingConfiguration().processors().size()) {
            throw invalid("firelake's local Firehose runs Lambda processors only (no MetadataExtraction, "
                    + "RecordDeAggregation or AppendDelimiterToRecord processors).");
        }
        if (lambdas.size() != 1) {
            throw invalid("ProcessingConfiguration needs exactly one Lambda processor.");
        }
        Map<String, String> parameters = lambdas.get(0).parameters().stream().collect(
                Collectors.toMap(ProcessorParameter::parameterNameAsString, ProcessorParameter::parameterValue));
        if (!parameters.containsKey("LambdaArn")) {
            throw invalid("The Lambda processor has no LambdaArn parameter.");
        }
        checkRange(parameters, "BufferSizeInMBs", 0.2, 3);
        checkRange(parameters, "BufferIntervalInSeconds", 0, 900);
        checkRange(parameters, "NumberOfRetries", 0, 300);
        return Optional.of(parameters);
    }

    /** {@code arn:aws:lambda:region:account:function:NAME[:qualifier]}, or a bare name. */
    public static String functionName(String lambdaArn) {
        String[] parts = lambdaArn.split(":");
        return parts.length >= 7 && parts[5].equals("function") ? parts[6] : lambdaArn;
    }

    private static String sourceStream(DeliveryStreamDescription stream) {
        if (stream.deliveryStreamType() != DeliveryStreamType.KINESIS_STREAM_AS_SOURCE) {
            return "";
        }
        String arn = stream.source().kinesisStreamSourceDescription().kinesisStreamARN();
        int slash = arn.indexOf(":stream/");
        if (slash < 0) {
            throw invalid("KinesisStreamARN " + arn + " is not a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT:"
                    + "stream/NAME).");
        }
        return arn.substring(slash + ":stream/".length());
    }

    private static DataFormatConversionConfiguration requireParquet(DataFormatConversionConfiguration c) {
        if (c == null || !Boolean.TRUE.equals(c.enabled()) || c.schemaConfiguration() == null) {
            throw invalid("firelake's local Firehose writes Parquet: DataFormatConversionConfiguration must be enabled, "
                    + "with a SchemaConfiguration naming the Glue table.");
        }
        if (c.inputFormatConfiguration() != null && c.inputFormatConfiguration().deserializer() != null
                && c.inputFormatConfiguration().deserializer().hiveJsonSerDe() != null) {
            throw invalid("firelake's local Firehose reads JSON with the OpenX JSON SerDe; HiveJsonSerDe is not "
                    + "served locally.");
        }
        if (c.outputFormatConfiguration() != null && c.outputFormatConfiguration().serializer() != null
                && c.outputFormatConfiguration().serializer().orcSerDe() != null) {
            throw invalid("firelake's local Firehose writes Parquet; OrcSerDe is not served locally.");
        }
        return c;
    }

    /** Firehose's prefix rules; answers the error prefix to use. */
    static String checkPrefixes(String prefix, String errorPrefix, boolean dynamic) {
        checkExpressions("Prefix", prefix, false, dynamic);
        boolean expressions = EXPRESSION.matcher(prefix).find();
        if (errorPrefix == null || errorPrefix.isEmpty()) {
            if (expressions) {
                throw invalid("ErrorOutputPrefix is required when Prefix contains expressions.");
            }
            return DEFAULT_ERROR_PREFIX;
        }
        checkExpressions("ErrorOutputPrefix", errorPrefix, true, false);
        if (!errorPrefix.contains(PrefixRenderer.ERROR_OUTPUT_TYPE)) {
            throw invalid("ErrorOutputPrefix must contain " + PrefixRenderer.ERROR_OUTPUT_TYPE + ".");
        }
        if (dynamic && !prefix.contains("!{partitionKeyFrom")) {
            throw invalid("With dynamic partitioning enabled, Prefix must use at least one "
                    + "!{partitionKeyFromLambda:...} or !{partitionKeyFromQuery:...} expression.");
        }
        return errorPrefix;
    }

    private static void checkExpressions(String member, String value, boolean errorPrefix, boolean dynamic) {
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            String namespace = m.group(1);
            String argument = m.group(2);
            switch (namespace) {
                case "timestamp" -> {
                    try {
                        DateTimeFormatter.ofPattern(argument);
                    } catch (IllegalArgumentException e) {
                        throw invalid(member + " has an invalid timestamp format in " + m.group() + ": "
                                + e.getMessage());
                    }
                }
                case "firehose" -> {
                    if (!argument.equals("random-string") && !argument.equals("error-output-type")) {
                        throw invalid(member + " uses an unknown expression " + m.group() + ".");
                    }
                    if (argument.equals("error-output-type") && !errorPrefix) {
                        throw invalid(m.group() + " is only allowed in ErrorOutputPrefix.");
                    }
                }
                case "partitionKeyFromLambda" -> {
                    if (errorPrefix) {
                        throw invalid("ErrorOutputPrefix cannot use " + m.group() + ".");
                    }
                    if (!dynamic) {
                        throw invalid(m.group() + " needs dynamic partitioning to be enabled.");
                    }
                }
                case "partitionKeyFromQuery" -> throw invalid("firelake's local Firehose partitions with the keys "
                        + "the Lambda returns (partitionKeyFromLambda); JQ queries (partitionKeyFromQuery) are not "
                        + "served locally.");
                default -> throw invalid(member + " uses an unknown namespace in " + m.group()
                        + " (timestamp, firehose, partitionKeyFromLambda, partitionKeyFromQuery).");
            }
        }
        if (value.replaceAll(EXPRESSION.pattern(), "").contains("!{")) {
            throw invalid(member + " has an unterminated expression: " + value);
        }
    }

    private static void checkRange(Map<String, String> parameters, String name, double min, double max) {
        String value = parameters.get(name);
        if (value == null) {
            return;
        }
        try {
            double v = Double.parseDouble(value);
            if (v < min || v > max) {
                throw invalid("Processor parameter " + name + " must be between " + min + " and " + max
                        + "; it is " + value + ".");
            }
        } catch (NumberFormatException e) {
            throw invalid("Processor parameter " + name + " is not a number: " + value + ".");
        }
    }

    static AwsServiceException invalid(String message) {
        return AwsServiceException.of("InvalidArgumentException", message);
    }
}
