package io.firelake.local.firehose;

import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The two destination buffers alone: what they count for the buffering hints, and the files they stage. */
class ObjectBufferTest {

    static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    static final LakeSchema SCHEMA = LakeSchema.clickstreamRaw("s3://lake/raw/");

    @TempDir
    Path dir;
    final ExecutorService lane = Executors.newSingleThreadExecutor();
    final Router router = new Router(RouterTest.CONFIG);

    @AfterEach
    void stopLane() {
        lane.shutdownNow();
    }

    static SourceRecord record(int n, Instant arrival) {
        return new SourceRecord("shardId-000000000000", "seq-" + n, 0, false, "pk", arrival,
                ("payload-" + n).getBytes(StandardCharsets.UTF_8));
    }

    static GenericRecord row(int n) {
        String json = "{\"event_id\":\"e-" + n + "\",\"event_type\":\"click\",\"event_date\":\"2026-11-22\",\"event_hour\":\"03\"}";
        return ((ConversionResult.Converted) new OpenXJsonDeserializer(SCHEMA)
                .deserialize(json.getBytes(StandardCharsets.UTF_8))).row();
    }

    @Test
    void aLakeBufferCountsTransformedBytesKeepsCoordinatesAndStagesAParquetFile() throws Exception {
        LakeBuffer buffer = new LakeBuffer("raw/event_hour=03/", SCHEMA, dir.resolve("a.parquet"), T0, lane);
        buffer.stage(row(1), record(1, T0.plusSeconds(5)), 100);
        buffer.handOver();
        buffer.stage(row(2), record(2, T0.plusSeconds(1)), 50);

        assertThat(buffer.bytes()).isEqualTo(150);
        assertThat(buffer.oldestArrival()).isEqualTo(T0.plusSeconds(1));
        assertThat(buffer.records()).extracting(SourceRecord::sequenceNumber).containsExactly("seq-1", "seq-2");
        assertThat(buffer.records()).allSatisfy(r -> assertThat(r.data()).isNull());
        assertThat(buffer.objectKey(router)).startsWith("raw/event_hour=03/delivery-1-2026-11-22-03-00-01-");

        Path file = buffer.finish();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }

    @Test
    void anErrorBufferStagesOneDocumentPerLine() throws Exception {
        ErrorBuffer buffer = new ErrorBuffer(ErrorDocuments.PROCESSING_FAILED, T0, new StagingDir(dir));
        buffer.add("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8), record(1, T0.plusSeconds(3)));
        buffer.add("{\"n\":2}\n".getBytes(StandardCharsets.UTF_8), record(2, T0.plusSeconds(2)));

        assertThat(buffer.bytes()).isEqualTo(16);
        assertThat(buffer.oldestArrival()).isEqualTo(T0.plusSeconds(2));
        assertThat(buffer.objectKey(router)).startsWith("errors/processing-failed/2026/delivery-1-2026-11-22-03-00-02-");
        assertThat(Files.readAllLines(buffer.finish())).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aBufferIsDueWhenFullOrWhenTheIntervalHasPassedSinceItOpened() {
        ErrorBuffer buffer = new ErrorBuffer(ErrorDocuments.PROCESSING_FAILED, T0, new StagingDir(dir));
        buffer.add(new byte[10], record(1, T0.minusSeconds(3600)));
        Duration interval = Duration.ofSeconds(300);

        assertThat(buffer.due(T0.plusSeconds(299), 11, interval)).as("neither full nor old").isFalse();
        assertThat(buffer.due(T0.plusSeconds(299), 10, interval)).as("full").isTrue();
        assertThat(buffer.due(T0.plusSeconds(300), 11, interval)).as("opened an interval ago").isTrue();
    }
}
