package io.firelake.local.firehose;

import io.firelake.local.config.SamTemplate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The response checks on hand-written responses, including the malformed ones a buggy Lambda could return. */
class ProcessorProtocolTest {

    static final SourceRecord A = new SourceRecord("shardId-000000000000", "495", 0, false, "pk", Instant.EPOCH, new byte[]{1});
    static final SourceRecord B = new SourceRecord("shardId-000000000000", "496", 0, false, "pk", Instant.EPOCH, new byte[]{2});
    final ProcessorProtocol protocol = new ProcessorProtocol(
            DeliveryStreamConfig.from(SamTemplate.load(), "us-east-1"), "arn:aws:kinesis:us-east-1:0:stream/s", 1000);

    ProcessorProtocol.Outcome parse(String json) {
        return protocol.parse(List.of(A, B), json.getBytes(StandardCharsets.UTF_8));
    }

    static String rec(SourceRecord r, String result, String dataJson) {
        return "{\"recordId\":\"" + r.recordId() + "\",\"result\":\"" + result + "\",\"data\":" + dataJson + "}";
    }

    @Test
    void aWellFormedResponseGivesEveryRecordWithItsPartitionKeys() {
        var outcome = parse("{\"extra\":[1,{\"x\":2}],\"records\":[" + rec(A, "Dropped", "\"AQ==\"") + ","
                + "{\"metadata\":{\"partitionKeys\":{\"event_date\":\"2026-11-22\",\"n\":3},\"other\":{}},\"recordId\":\""
                + B.recordId() + "\",\"result\":\"Ok\",\"data\":\"e30K\",\"unknown\":{\"a\":[1]}}]}");
        assertThat(outcome).isInstanceOf(ProcessorProtocol.Outcome.Succeeded.class);
        var records = ((ProcessorProtocol.Outcome.Succeeded) outcome).records();
        assertThat(records).extracting(ProcessorProtocol.RecordResult::result)
                .containsExactly(ProcessorProtocol.Result.DROPPED, ProcessorProtocol.Result.OK);
        assertThat(records.get(1).partitionKeys()).isEqualTo(Map.of("event_date", "2026-11-22", "n", "3"));
        assertThat(new String(records.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("{}\n");
    }

    @Test
    void aDirectPutEventCarriesNoKinesisStreamAndNoKinesisRecordMetadata() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var kinesis = json.readTree(protocol.request(List.of(A)));
        var directPut = json.readTree(new ProcessorProtocol(DeliveryStreamConfig.from(SamTemplate.load(), "us-east-1"),
                null, 1000).request(List.of(A)));
        assertThat(kinesis.has("sourceKinesisStreamArn")).isTrue();
        assertThat(kinesis.get("records").get(0).has("kinesisRecordMetadata")).isTrue();
        assertThat(directPut.has("sourceKinesisStreamArn")).isFalse();
        assertThat(directPut.get("records").get(0).has("kinesisRecordMetadata")).isFalse();
        assertThat(directPut.get("records").get(0).get("data").asText()).isEqualTo("AQ==");
        assertThat(directPut.has("deliveryStreamArn")).isTrue();
    }

    @Test
    void malformedResponsesFailTheInvocationWithFirehosesErrorCodes() {
        assertThat(code(parse("not json"))).isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{\"records\":{}}"))).isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{}"))).isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "\"not base64!\"") + "," + rec(B, "Ok", "\"AQ==\"") + "]}")))
                .isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "{\"x\":1}") + "," + rec(B, "Ok", "\"AQ==\"") + "]}")))
                .isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "null") + "," + rec(B, "Ok", "\"AQ==\"") + "]}")))
                .isEqualTo(ProcessorProtocol.JSON_PROCESSING);
        assertThat(code(parse("{\"records\":[{\"recordId\":1,\"result\":\"Ok\",\"data\":\"AQ==\"}]}")))
                .isEqualTo(ProcessorProtocol.MISSING_RECORD_ID);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "\"AQ==\"") + "]}"))).isEqualTo(ProcessorProtocol.MISSING_RECORD_ID);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "\"AQ==\"") + "," + rec(A, "Ok", "\"AQ==\"") + "]}")))
                .isEqualTo(ProcessorProtocol.DUPLICATED_RECORD_ID);
        assertThat(code(parse("{\"records\":[" + rec(A, "Ok", "\"" + "A".repeat(2000) + "\"") + "]}")))
                .isEqualTo(ProcessorProtocol.RESPONSE_TOO_LARGE);
    }

    private static String code(ProcessorProtocol.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ProcessorProtocol.Outcome.Failed.class);
        return ((ProcessorProtocol.Outcome.Failed) outcome).errorCode();
    }
}
