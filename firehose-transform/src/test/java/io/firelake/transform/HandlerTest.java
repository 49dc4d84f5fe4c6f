package io.firelake.transform;

import io.firelake.events.contract.PinnedContract;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.contract.Contracts;
import io.firelake.transform.firehose.PrimingBatch;
import io.firelake.transform.firehose.SampleBatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@PinnedContract("clickstream")
class HandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirehoseTransformHandler HANDLER = TestPipeline.handler();

    @Property(tries = 1000)
    void anyRequestBytesGetAJsonAnswerAndNoException(@ForAll byte[] request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HANDLER.handle(new ByteArrayInputStream(request), out, line -> { });
        assertThat(JSON.readTree(out.toByteArray()).path("records").isArray()).isTrue();
    }

    @Property(tries = 1000)
    void envelopeOddities(@ForAll String recordId, @ForAll String data) throws Exception {
        String request = "{\"records\":[{\"recordId\":" + JSON.writeValueAsString(recordId) + ",\"data\":"
                + JSON.writeValueAsString(data) + "},{\"data\":\"e30=\"},{\"recordId\":\"second\",\"data\":7,"
                + "\"kinesisRecordMetadata\":[1]}]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> log = new ArrayList<>();
        HANDLER.handle(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, log::add);
        JsonNode records = JSON.readTree(out.toByteArray()).path("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("recordId").asText()).isEqualTo(recordId);
        assertThat(records.get(1).path("recordId").asText()).isEqualTo("second");
        assertThat(records.get(1).path("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(log).anyMatch(l -> l.contains("records_without_id"));
        assertThat(log).anyMatch(l -> l.contains("INVALID_ENVELOPE"));
    }

    @Test
    void primingRunsTheWholePathAndLeavesCleanCounters() {
        FirehoseTransformHandler handler = TestPipeline.handler();
        handler.prime();
        assertThat(handler.userAgents().cacheStats().hits()).isZero();
        assertThat(handler.userAgents().cacheStats().size()).isGreaterThanOrEqualTo(SampleBatch.USER_AGENTS.size());
    }

    @Test
    void primingWithTheIotContractRunsIotRecordsThroughTheHandler() throws Exception {
        FirehoseTransformHandler handler = new FirehoseTransformHandler(FirehoseTransformHandler.Components.of(
                Contracts.packaged("iot-telemetry"), TestPipeline.userAgents(), Clock.systemUTC()));

        JsonNode records = JSON.readTree(handler.prime()).path("records");

        assertThat(records).hasSize(PrimingBatch.VALID + 5);
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (i < PrimingBatch.VALID) {
                assertThat(record.path("result").asText()).as("record %d", i).isEqualTo("Ok");
                JsonNode row = JSON.readTree(Base64.getDecoder().decode(record.path("data").asText()));
                assertThat(row.has("reading_id") && row.has("device_type")).as(row.toString()).isTrue();
                assertThat(record.path("metadata").path("partitionKeys").has("event_date")).isTrue();
            } else {
                assertThat(record.path("result").asText()).as("record %d", i).isIn("ProcessingFailed", "Dropped");
            }
        }
    }

    /** The entry point Lambda calls: public constructor, the stream handler, the context's logger. */
    @Test
    void theLambdaEntryPointAnswersAndLogsThroughTheContextLogger() throws Exception {
        List<String> logged = new ArrayList<>();
        LambdaLogger logger = (LambdaLogger) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{LambdaLogger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("log") && args[0] instanceof String line) {
                        logged.add(line);
                    }
                    return null;
                });
        Context context = (Context) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> method.getName().equals("getLogger") ? logger : null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FirehoseTransformHandler().handleRequest(
                new ByteArrayInputStream(FixtureTest.resource("kinesis-batch.json")), out, context);
        assertThat(JSON.readTree(out.toByteArray()).path("records")).hasSize(13);
        assertThat(logged).hasSize(9).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}\n"));
    }
}
