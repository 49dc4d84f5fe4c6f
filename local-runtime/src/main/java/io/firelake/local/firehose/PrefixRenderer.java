package io.firelake.local.firehose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Firehose custom S3 prefixes and object names.
 * <ul>
 *   <li>{@code !{timestamp:fmt}}: a {@link DateTimeFormatter} pattern applied, in UTC, to the approximate arrival time
 *   of the oldest record in the object;</li>
 *   <li>{@code !{firehose:error-output-type}}: {@code processing-failed}, {@code format-conversion-failed}...
 *   (error prefix only); {@code !{firehose:random-string}}: 11 random characters;</li>
 *   <li>{@code !{partitionKeyFromLambda:key}}: a partition key returned by the processor in
 *   {@code metadata.partitionKeys} (dynamic partitioning); a missing key fails the record.</li>
 * </ul>
 * Object names follow {@code DeliveryStreamName-DeliveryStreamVersion-yyyy-MM-dd-HH-mm-ss-RandomString}.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">Custom prefixes for Amazon S3 objects</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html">Dynamic partitioning</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#s3-object-name">S3 object name format</a>
 */
public final class PrefixRenderer {

    public static final String ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([A-Za-z]+):([^}]*)}");
    private static final DateTimeFormatter OBJECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private PrefixRenderer() {
    }

    /**
     * @param template        the prefix with expressions
     * @param oldestArrival   arrival time of the oldest record in the object
     * @param partitionKeys   the keys from the processor (empty for error objects)
     * @param errorOutputType the error output type, or null outside the error prefix
     */
    public static String render(String template, Instant oldestArrival, Map<String, String> partitionKeys,
                                String errorOutputType) {
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String namespace = m.group(1);
            String argument = m.group(2);
            String value = switch (namespace) {
                case "timestamp" -> FORMATTERS.computeIfAbsent(argument,
                        p -> DateTimeFormatter.ofPattern(p).withZone(ZoneOffset.UTC)).format(oldestArrival);
                case "partitionKeyFromLambda" -> {
                    String key = partitionKeys.get(argument);
                    if (key == null) {
                        throw new MissingPartitionKeyException(argument);
                    }
                    yield key;
                }
                case "firehose" -> switch (argument) {
                    case "error-output-type" -> {
                        if (errorOutputType == null) {
                            throw new IllegalArgumentException("!{firehose:error-output-type} is only allowed in the error prefix");
                        }
                        yield errorOutputType;
                    }
                    case "random-string" -> UUID.randomUUID().toString().replace("-", "").substring(0, 11);
                    default -> throw new IllegalArgumentException("unknown expression !{firehose:" + argument + "}");
                };
                default -> throw new IllegalArgumentException("unknown prefix expression !{" + namespace + ":" + argument + "}");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Substitutes only the {@code !{partitionKeyFromLambda:...}} expressions: records with the same result share a
     * buffer (one per dynamic partition) whose timestamps are rendered when the object is written.
     */
    public static String renderPartitionKeys(String template, Map<String, String> partitionKeys) {
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            if (m.group(1).equals("partitionKeyFromLambda")) {
                replacement = partitionKeys.get(m.group(2));
                if (replacement == null) {
                    throw new MissingPartitionKeyException(m.group(2));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The object name after the prefix: stream name, version 1, the oldest arrival time and a random id. */
    public static String objectName(String deliveryStreamName, Instant oldestArrival, String suffix) {
        return deliveryStreamName + "-1-" + OBJECT_TIME.format(oldestArrival) + "-" + UUID.randomUUID() + suffix;
    }

    /** Thrown when a prefix names a partition key the processor did not return. */
    public static final class MissingPartitionKeyException extends RuntimeException {
        public MissingPartitionKeyException(String key) {
            super("partition key '" + key + "' is not in the processor's metadata.partitionKeys");
        }
    }
}
