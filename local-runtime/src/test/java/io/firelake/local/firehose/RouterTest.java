package io.firelake.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import io.firelake.lake.format.ConversionResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The router alone: which buffer and which error output type, from a processed record and the open partitions. */
class RouterTest {

    static final Instant ARRIVAL = Instant.parse("2026-11-22T03:09:24.123Z");
    static final Instant NOW = Instant.parse("2026-11-22T03:10:00Z");
    static final DeliveryStreamConfig CONFIG = DeliveryStreamConfig.builder("delivery", "events")
            .prefixes("raw/event_hour=!{partitionKeyFromLambda:event_hour}/", "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/")
            .activePartitions(2)
            .build();

    final Router router = new Router(CONFIG);

    static SourceRecord source() {
        return new SourceRecord("shardId-000000000000", "seq-1", 0, false, "pk", ARRIVAL,
                "{\"event_id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8));
    }

    static ProcessedRecord processed(ProcessorProtocol.Result result, Map<String, String> keys, ConversionResult conversion) {
        return new ProcessedRecord(new ProcessorProtocol.RecordResult(source(), result,
                "{\"event_hour\":\"03\"}".getBytes(StandardCharsets.UTF_8), keys), conversion);
    }

    static Router.OpenPartitions open(String... prefixes) {
        Set<String> open = Set.of(prefixes);
        return new Router.OpenPartitions() {
            @Override
            public boolean isOpen(String prefix) {
                return open.contains(prefix);
            }

            @Override
            public int count() {
                return open.size();
            }
        };
    }

    static final ConversionResult CONVERTED = new ConversionResult.Converted(null);

    @Test
    void anOkRecordGoesToTheLakeBufferOfItsPartitionAndTheSameKeysShareOneRoute() {
        Route first = router.route(processed(ProcessorProtocol.Result.OK, Map.of("event_hour", "03"), CONVERTED), 1, NOW, open());
        Route second = router.route(processed(ProcessorProtocol.Result.OK, Map.of("event_hour", "03"), CONVERTED), 1, NOW, open());
        assertThat(first).isEqualTo(new Route.ToLake("raw/event_hour=03/")).isSameAs(second);
    }

    @Test
    void droppedRecordsGoNowhere() {
        assertThat(router.route(processed(ProcessorProtocol.Result.DROPPED, Map.of(), null), 1, NOW, open()))
                .isSameAs(Route.DROPPED);
    }

    @Test
    void eachFailureHasItsErrorOutputTypeAndCode() {
        assertThat(errorOf(router.route(processed(ProcessorProtocol.Result.PROCESSING_FAILED, Map.of(), null), 2, NOW, open())))
                .containsExactly(ErrorDocuments.PROCESSING_FAILED, ProcessorProtocol.PROCESSING_FAILED);
        assertThat(errorOf(router.route(processed(ProcessorProtocol.Result.OK, Map.of("event_hour", "03"),
                new ConversionResult.Failed("DataFormatConversion.MalformedData", "bad")), 1, NOW, open())))
                .containsExactly(ErrorDocuments.FORMAT_CONVERSION_FAILED, "DataFormatConversion.MalformedData");
        assertThat(errorOf(router.route(processed(ProcessorProtocol.Result.OK, Map.of(), CONVERTED), 1, NOW, open())))
                .containsExactly(ErrorDocuments.PARTITIONING_FAILED, ErrorDocuments.METADATA_EXTRACTION_FAILED);
        Invocation.Failed failed = new Invocation.Failed(List.of(source()), 4, ProcessorProtocol.FUNCTION_ERROR, "boom", NOW);
        assertThat(errorOf(router.route(source(), failed)))
                .containsExactly(ErrorDocuments.PROCESSING_FAILED, ProcessorProtocol.FUNCTION_ERROR);
    }

    @Test
    void aNewPartitionBeyondTheQuotaIsRefusedAndAnOpenOneIsNot() {
        ProcessedRecord hour03 = processed(ProcessorProtocol.Result.OK, Map.of("event_hour", "03"), CONVERTED);
        Route refused = router.route(hour03, 1, NOW, open("raw/event_hour=01/", "raw/event_hour=02/"));
        assertThat(errorOf(refused)).containsExactly(ErrorDocuments.ACTIVE_PARTITION_EXCEEDED,
                ErrorDocuments.ACTIVE_PARTITIONS_LIMIT_EXCEEDED);
        JsonNode doc = document(refused);
        assertThat(doc.get("errorMessage").asText()).contains("2 active partitions").contains("raw/event_hour=03/");
        assertThat(router.route(hour03, 1, NOW, open("raw/event_hour=03/", "raw/event_hour=02/")))
                .isEqualTo(new Route.ToLake("raw/event_hour=03/"));
    }

    @Test
    void errorDocumentsCarryTheAttemptsAndTheAttemptsEnd() {
        JsonNode doc = document(router.route(processed(ProcessorProtocol.Result.PROCESSING_FAILED, Map.of(), null), 3, NOW, open()));
        assertThat(doc.get("attemptsMade").asInt()).isEqualTo(3);
        assertThat(doc.get("attemptEndingTimestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(doc.get("lambdaArn").asText()).isEqualTo(CONFIG.lambdaArn());
    }

    @Test
    void objectKeysAreRenderedWithTheOldestArrival() {
        assertThat(router.lakeObjectKey("raw/event_hour=03/", ARRIVAL))
                .startsWith("raw/event_hour=03/delivery-1-2026-11-22-03-09-24-").endsWith(".parquet");
        assertThat(router.errorObjectKey(ErrorDocuments.FORMAT_CONVERSION_FAILED, ARRIVAL))
                .startsWith("errors/format-conversion-failed/2026/delivery-1-2026-11-22-03-09-24-");
    }

    private static List<String> errorOf(Route route) {
        assertThat(route).isInstanceOf(Route.ToErrorPrefix.class);
        Route.ToErrorPrefix error = (Route.ToErrorPrefix) route;
        return List.of(error.outputType(), error.errorCode());
    }

    private static JsonNode document(Route route) {
        try {
            return TestProcessors.JSON.readTree(((Route.ToErrorPrefix) route).document());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
