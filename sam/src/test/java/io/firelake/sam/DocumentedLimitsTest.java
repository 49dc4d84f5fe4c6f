package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings stay inside the limits AWS documents, for the defaults and for every value a parameter's constraints
 * admit (so no override at deploy time can break them).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Firehose record format conversion</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html">Firehose dynamic partitioning</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Lambda with Kinesis</a>
 */
class DocumentedLimitsTest {

    private final SamTemplate template = SamTemplate.load();
    private final Map<String, Object> s3 = map(template.properties(template.single(
            "AWS::KinesisFirehose::DeliveryStream")).get("ExtendedS3DestinationConfiguration"));
    private final Map<String, Object> esm = template.properties(template.single("AWS::Lambda::EventSourceMapping"));

    @Test
    void parquetConversionHasAnS3BufferOfAtLeast64MbAndNoOuterCompression() {
        assertThat(at(s3, "DataFormatConversionConfiguration", "Enabled")).contains(true);
        assertThat(at(s3, "DataFormatConversionConfiguration", "OutputFormatConfiguration", "Serializer").map(m -> map(m).keySet()))
                .contains(java.util.Set.of("ParquetSerDe"));
        assertThat(at(s3, "DataFormatConversionConfiguration", "InputFormatConfiguration", "Deserializer").map(m -> map(m).keySet()))
                .contains(java.util.Set.of("OpenXJsonSerDe"));
        assertWithin(at(s3, "BufferingHints", "SizeInMBs").orElseThrow(), "64", "128");
        assertWithin(at(s3, "BufferingHints", "IntervalInSeconds").orElseThrow(), "0", "900");
        assertThat(s3.get("CompressionFormat")).isEqualTo("UNCOMPRESSED");
    }

    @Test
    void lambdaProcessorBufferHintsAndRetriesAreWithinFirehoseLimits() {
        Map<String, Object> processor = map(list(at(s3, "ProcessingConfiguration", "Processors").orElseThrow()).get(0));
        assertThat(processor.get("Type")).isEqualTo("Lambda");
        Map<String, Object> parameters = new java.util.HashMap<>();
        for (Object parameter : list(processor.get("Parameters"))) {
            parameters.put((String) map(parameter).get("ParameterName"), map(parameter).get("ParameterValue"));
        }
        assertThat(parameters).containsKeys("LambdaArn", "BufferSizeInMBs", "BufferIntervalInSeconds", "NumberOfRetries");
        assertWithin(parameters.get("BufferSizeInMBs"), "0.2", "3");
        assertWithin(parameters.get("BufferIntervalInSeconds"), "0", "900");
        assertWithin(parameters.get("NumberOfRetries"), "0", "300");
        assertThat(template.parameterRef(parameters.get("BufferSizeInMBs"))).contains("ProcessorBufferSizeMB");
        assertThat(template.parameterRef(parameters.get("BufferIntervalInSeconds"))).contains("ProcessorBufferIntervalSeconds");
        assertThat(template.parameterRef(parameters.get("NumberOfRetries"))).contains("ProcessorRetries");
    }

    @Test
    void theLargestProcessorBufferLeavesRoomForTheEnrichedResponse() {
        // Measured: the transform's response is 2.9 times its raw input (2.06 MB in, 5.99 MB out), and Lambda caps a
        // synchronous response at 6 MB; a larger buffer would fail records with RESPONSE_TOO_LARGE.
        double enrichedGrowth = 2.9;
        double lambdaResponseLimitMb = 6.0;
        double largest = Double.parseDouble(String.valueOf(template.parameter("ProcessorBufferSizeMB").get("MaxValue")));
        assertThat(largest * enrichedGrowth).isLessThanOrEqualTo(lambdaResponseLimitMb);
    }

    @Test
    void prefixesPartitionByTheLambdasKeysAndErrorsByOutputType() {
        assertThat(at(s3, "DynamicPartitioningConfiguration", "Enabled")).contains(true);
        String prefix = (String) template.withDefaults(s3.get("Prefix")).orElseThrow();
        assertThat(prefix).contains("!{partitionKeyFromLambda:event_date}", "!{partitionKeyFromLambda:event_hour}")
                .endsWith("/");
        String errorPrefix = (String) template.withDefaults(s3.get("ErrorOutputPrefix")).orElseThrow();
        assertThat(errorPrefix).contains("!{firehose:error-output-type}").endsWith("/");
        assertThat(at(s3, "CloudWatchLoggingOptions", "Enabled")).contains(true);
    }

    @Test
    void speedLayerEventSourceIsWithinLambdaKinesisLimits() {
        assertWithin(esm.get("BatchSize"), "1", "10000");
        assertWithin(esm.get("MaximumBatchingWindowInSeconds"), "0", "300");
        assertWithin(esm.get("TumblingWindowInSeconds"), "0", "900");
        assertWithin(esm.get("ParallelizationFactor"), "1", "10");
        assertWithin(esm.get("MaximumRetryAttempts"), "-1", "10000");
        Object maxAge = esm.get("MaximumRecordAgeInSeconds");
        assertWithin(maxAge, "-1", "604800");
        BigDecimal age = number(template.withDefaults(maxAge).orElseThrow());
        assertThat(age.intValue() == -1 || age.intValue() >= 60).as("record age -1 or 60..604800").isTrue();
        assertThat(esm.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat(list(esm.get("FunctionResponseTypes"))).contains("ReportBatchItemFailures");
        assertThat(at(esm, "DestinationConfig", "OnFailure", "Destination")).isPresent();
        assertThat(template.parameterRef(esm.get("TumblingWindowInSeconds"))).contains("SpeedLayerWindowSeconds");
        assertThat(template.parameterRef(esm.get("BatchSize"))).contains("SpeedLayerBatchSize");
        assertThat(template.parameterRef(esm.get("MaximumBatchingWindowInSeconds"))).contains("SpeedLayerBatchingWindowSeconds");
    }

    @Test
    void kinesisRetentionIsWithinTheStreamsLimits() {
        Map<String, Object> stream = template.properties(template.single("AWS::Kinesis::Stream"));
        assertWithin(stream.get("RetentionPeriodHours"), "24", "8760");
        assertThat(at(stream, "StreamEncryption", "EncryptionType")).contains("KMS");
    }

    @Test
    void athenaScanLimitIsAtLeastTheMinimumAndEnforced() {
        Map<String, Object> workgroup = template.properties(template.single("AWS::Athena::WorkGroup"));
        // Athena's minimum for BytesScannedCutoffPerQuery is 10,000,000 bytes.
        assertWithin(at(workgroup, "WorkGroupConfiguration", "BytesScannedCutoffPerQuery").orElseThrow(),
                "10000000", String.valueOf(Long.MAX_VALUE));
        assertThat(at(workgroup, "WorkGroupConfiguration", "EnforceWorkGroupConfiguration")).contains(true);
    }

    @Test
    void theCheckRejectsAValueOutsideItsLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertWithin(Map.of("Ref", "S3BufferSizeMB"), "0.2", "3"))
                .isInstanceOf(AssertionError.class);
    }

    /**
     * A literal, or a Ref to a parameter whose Default, MinValue, MaxValue and AllowedValues all lie in [min, max]; a
     * parameter without both bounds would admit anything and fails.
     */
    private void assertWithin(Object value, String min, String max) {
        BigDecimal low = new BigDecimal(min);
        BigDecimal high = new BigDecimal(max);
        Optional<String> parameter = template.parameterRef(value);
        if (parameter.isEmpty()) {
            assertThat(number(value)).as("%s", value).isBetween(low, high);
            return;
        }
        Map<String, Object> p = template.parameter(parameter.get());
        assertThat(number(p.get("Default"))).as("%s Default", parameter.get()).isBetween(low, high);
        if (p.containsKey("AllowedValues")) {
            for (Object allowed : list(p.get("AllowedValues"))) {
                assertThat(number(allowed)).as("%s AllowedValues", parameter.get()).isBetween(low, high);
            }
            return;
        }
        assertThat(p).as("%s needs MinValue and MaxValue", parameter.get()).containsKeys("MinValue", "MaxValue");
        assertThat(number(p.get("MinValue"))).as("%s MinValue", parameter.get()).isBetween(low, high);
        assertThat(number(p.get("MaxValue"))).as("%s MaxValue", parameter.get()).isBetween(low, high);
    }

    private static BigDecimal number(Object value) {
        assertThat(value).as("a number").isNotNull().isNotInstanceOf(Map.class).isNotInstanceOf(List.class);
        return new BigDecimal(String.valueOf(value));
    }
}
