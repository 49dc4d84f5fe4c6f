package io.firelake.local.firehose;

import io.firelake.lake.format.ConversionResult;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each processed record goes, and the S3 key of each object: the one place prefixes are rendered. It decides
 * and keeps no state of the delivery stream (the open partitions are asked for); records go, in this order of rules:
 * <ul>
 *   <li>Dropped: nowhere;</li>
 *   <li>ProcessingFailed, or every attempt of the invocation failed: {@code processing-failed}
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>);</li>
 *   <li>Ok but not convertible with the table's schema: {@code format-conversion-failed}
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion-error-handling.html">conversion errors</a>);</li>
 *   <li>Ok, but the prefix names a partition key the processor did not return: {@code partitioning-failed}; Ok, but
 *   its partition is not open and the active partition quota is reached: {@code activePartitionExceeded}
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-error-handling.html">dynamic partitioning errors</a>);</li>
 *   <li>otherwise the lake buffer of its partition.</li>
 * </ul>
 * Object keys are rendered with the arrival time of the oldest record in the object
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">custom prefixes</a>).
 */
final class Router {

    /** Bounds the prefix cache: partition keys that never repeat (a key per record) must not grow it forever. */
    private static final int CACHED_PARTITIONS = 4096;

    /** The lake buffers open now, as far as the active partition quota needs them. */
    interface OpenPartitions {
        boolean isOpen(String prefix);

        int count();
    }

    private final DeliveryStreamConfig config;
    /** Lake routes by partition keys: a batch spans a few event hours, and the prefix regex was 4% of the CPU. */
    private final Map<Map<String, String>, Route.ToLake> lakeRoutes = new HashMap<>();

    Router(DeliveryStreamConfig config) {
        this.config = config;
    }

    /**
     * @param attempts the invocation's attempts, for the error document
     * @param now      the end of the attempt, for the error document
     */
    Route route(ProcessedRecord record, int attempts, Instant now, OpenPartitions open) {
        ProcessorProtocol.RecordResult result = record.transformed();
        SourceRecord source = result.source();
        if (result.result() == ProcessorProtocol.Result.DROPPED) {
            return Route.DROPPED;
        }
        if (result.result() == ProcessorProtocol.Result.PROCESSING_FAILED) {
            return new Route.ToErrorPrefix(ErrorDocuments.PROCESSING_FAILED, ProcessorProtocol.PROCESSING_FAILED,
                    ErrorDocuments.processingFailed(source, attempts, ProcessorProtocol.PROCESSING_FAILED,
                            "The record was marked as ProcessingFailed by the Lambda function.", now,
                            config.lambdaArn()));
        }
        if (record.conversion() instanceof ConversionResult.Failed failed) {
            return new Route.ToErrorPrefix(ErrorDocuments.FORMAT_CONVERSION_FAILED, failed.errorCode(),
                    ErrorDocuments.formatConversionFailed(source, result.data(), failed.errorCode(), failed.message(),
                            now, config));
        }
        Route.ToLake lake;
        try {
            lake = lakeRoute(result.partitionKeys());
        } catch (PrefixRenderer.MissingPartitionKeyException e) {
            return new Route.ToErrorPrefix(ErrorDocuments.PARTITIONING_FAILED, ErrorDocuments.METADATA_EXTRACTION_FAILED,
                    ErrorDocuments.partitioningFailed(source, result.data(), ErrorDocuments.METADATA_EXTRACTION_FAILED,
                            e.getMessage(), now));
        }
        if (!open.isOpen(lake.prefix()) && open.count() >= config.activePartitions()) {
            String message = "The delivery stream already buffers " + config.activePartitions()
                    + " active partitions; " + lake.prefix() + " would be one more.";
            return new Route.ToErrorPrefix(ErrorDocuments.ACTIVE_PARTITION_EXCEEDED,
                    ErrorDocuments.ACTIVE_PARTITIONS_LIMIT_EXCEEDED, ErrorDocuments.partitioningFailed(source,
                    result.data(), ErrorDocuments.ACTIVE_PARTITIONS_LIMIT_EXCEEDED, message, now));
        }
        return lake;
    }

    /** A record of an invocation whose every attempt failed. */
    Route.ToErrorPrefix route(SourceRecord record, Invocation.Failed invocation) {
        return new Route.ToErrorPrefix(ErrorDocuments.PROCESSING_FAILED, invocation.errorCode(),
                ErrorDocuments.processingFailed(record, invocation.attempts(), invocation.errorCode(),
                        invocation.message(), invocation.ended(), config.lambdaArn()));
    }

    /** The key of a lake object: its partition's prefix with the times rendered, then the object name. */
    String lakeObjectKey(String partitionPrefix, Instant oldestArrival) {
        return PrefixRenderer.render(partitionPrefix, oldestArrival, Map.of(), null)
                + PrefixRenderer.objectName(config.name(), oldestArrival, ".parquet");
    }

    /** The key of an error object: the error prefix for its output type, then the object name. */
    String errorObjectKey(String outputType, Instant oldestArrival) {
        return PrefixRenderer.render(config.errorPrefix(), oldestArrival, Map.of(), outputType)
                + PrefixRenderer.objectName(config.name(), oldestArrival, "");
    }

    private Route.ToLake lakeRoute(Map<String, String> partitionKeys) {
        Route.ToLake route = lakeRoutes.get(partitionKeys);
        if (route == null) {
            route = new Route.ToLake(PrefixRenderer.renderPartitionKeys(config.prefix(), partitionKeys));
            if (lakeRoutes.size() >= CACHED_PARTITIONS) {
                lakeRoutes.clear();
            }
            lakeRoutes.put(Map.copyOf(partitionKeys), route);
        }
        return route;
    }
}
