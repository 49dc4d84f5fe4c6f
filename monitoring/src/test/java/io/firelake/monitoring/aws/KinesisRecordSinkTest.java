package io.firelake.monitoring.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.monitoring.replay.RecordSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PutRecords partial failures: only the entries that came back with an ErrorCode are sent again. */
class KinesisRecordSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void retriesOnlyTheFailedEntries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AwsStub stub = new AwsStub(request -> {
            JsonNode records = JSON.readTree(request.body()).get("Records");
            if (calls.incrementAndGet() == 1) {
                return AwsStub.Response.json("""
                        {"FailedRecordCount": 1, "Records": [
                          {"SequenceNumber": "1", "ShardId": "shardId-000000000000"},
                          {"ErrorCode": "ProvisionedThroughputExceededException", "ErrorMessage": "Rate exceeded"},
                          {"SequenceNumber": "3", "ShardId": "shardId-000000000000"}]}""");
            }
            StringBuilder ok = new StringBuilder("{\"FailedRecordCount\": 0, \"Records\": [");
            for (int i = 0; i < records.size(); i++) {
                ok.append(i == 0 ? "" : ",").append("{\"SequenceNumber\": \"9").append(i)
                        .append("\", \"ShardId\": \"shardId-000000000000\"}");
            }
            return AwsStub.Response.json(ok.append("]}").toString());
        });
             var kinesis = new AwsClients(Optional.of(stub.endpoint()), Optional.empty()).kinesis()) {
            List<RecordSink.Outgoing> records = List.of("a", "b", "c").stream()
                    .map(s -> new RecordSink.Outgoing(s.getBytes(StandardCharsets.UTF_8), "pk-" + s)).toList();

            List<Boolean> accepted = new KinesisRecordSink(kinesis, "firelake-events").send(records);

            assertThat(accepted).containsExactly(true, true, true);
            assertThat(stub.requests()).hasSize(2);
            assertThat(stub.requests().get(0).target()).isEqualTo("Kinesis_20131202.PutRecords");
            JsonNode retry = JSON.readTree(stub.requests().get(1).body());
            assertThat(retry.get("Records")).hasSize(1);
            assertThat(retry.at("/Records/0/PartitionKey").asText()).isEqualTo("pk-b");
            assertThat(retry.get("StreamName").asText()).isEqualTo("firelake-events");
        }
    }

}
