package io.firelake.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.firelake.producer.model.ProducerRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutRecordsBatchBuilderTest {

    private static PutEntry entry(int dataBytes, String key) {
        return PutEntry.plain(new ProducerRecord(new byte[dataBytes], key, ProducerRecord.VALID, null));
    }

    @Test
    void requestsHoldAtMost500EntriesAndTheLastGoesOnlyWhenAskedFor() {
        PutRecordsBatchBuilder builder = new PutRecordsBatchBuilder(SenderSettings.defaults());
        for (int i = 0; i < 1_201; i++) {
            builder.add(entry(100, "k" + i), 0);
        }
        List<List<PutEntry>> full = builder.take(false);
        assertThat(full).hasSize(2).allSatisfy(request -> assertThat(request).hasSize(500));
        assertThat(full.get(0).get(0).record.partitionKey()).as("in the order they became ready").isEqualTo("k0");
        assertThat(builder.take(true)).singleElement().satisfies(rest -> assertThat(rest).hasSize(201));
    }

    @Test
    void requestsHoldAtMost5MiBDataAndPartitionKeysCounted() {
        PutRecordsBatchBuilder builder = new PutRecordsBatchBuilder(SenderSettings.defaults());
        for (int i = 0; i < 11; i++) {
            builder.add(entry(PutRecordsBatchBuilder.DEFAULT_MAX_RECORD_BYTES - 10, "0123456789"), 0);
        }
        List<List<PutEntry>> requests = builder.take(true);
        assertThat(requests).extracting(List::size).containsExactly(5, 5, 1);
        assertThat(requests).allSatisfy(request -> assertThat(request.stream().mapToInt(e -> e.bytes).sum())
                .isLessThanOrEqualTo(PutRecordsBatchBuilder.DEFAULT_MAX_REQUEST_BYTES));
    }

    @Test
    void aRecordOverTheRecordOrPartitionKeyLimitIsRejected() {
        PutRecordsBatchBuilder builder = new PutRecordsBatchBuilder(SenderSettings.defaults());
        ProducerRecord fits = new ProducerRecord(new byte[PutRecordsBatchBuilder.DEFAULT_MAX_RECORD_BYTES - 3], "key",
                ProducerRecord.VALID, null);
        ProducerRecord tooLarge = new ProducerRecord(new byte[PutRecordsBatchBuilder.DEFAULT_MAX_RECORD_BYTES - 2],
                "key", ProducerRecord.VALID, null);
        ProducerRecord longKey = new ProducerRecord(new byte[1], "k".repeat(257), ProducerRecord.VALID, null);
        assertThat(builder.check(fits, PutRecordsBatchBuilder.entryBytes(fits.data(), "key"))).isNull();
        assertThat(builder.check(tooLarge, PutRecordsBatchBuilder.entryBytes(tooLarge.data(), "key")).code())
                .isEqualTo("RecordTooLarge");
        assertThat(builder.check(longKey, 258).code()).isEqualTo("PartitionKeyTooLong");
        assertThat(PutRecordsBatchBuilder.entryBytes(new byte[3], "ü")).as("keys count in UTF-8 bytes").isEqualTo(5);
    }

    @Test
    void putRecordBatchCallsHoldAtMost500RecordsAnd4MiBOfDataWithoutPartitionKeys() {
        PutRecordsBatchBuilder builder = new PutRecordsBatchBuilder(SenderSettings.defaults(),
                PutApi.FIREHOSE_PUT_RECORD_BATCH);
        ProducerRecord large = new ProducerRecord(new byte[PutApi.DEFAULT_FIREHOSE_MAX_RECORD_BYTES],
                "a-long-partition-key", ProducerRecord.VALID, null);
        assertThat(builder.bytes(large)).as("Direct PUT records have no partition key")
                .isEqualTo(PutApi.DEFAULT_FIREHOSE_MAX_RECORD_BYTES);
        for (int i = 0; i < 9; i++) {
            builder.add(PutEntry.plain(large, builder.bytes(large)), 0);
        }
        List<List<PutEntry>> calls = builder.take(true);
        assertThat(calls).extracting(List::size).containsExactly(4, 4, 1);
        assertThat(calls).allSatisfy(call -> assertThat(call.stream().mapToInt(e -> e.bytes).sum())
                .isLessThanOrEqualTo(PutApi.DEFAULT_FIREHOSE_MAX_CALL_BYTES));
        for (int i = 0; i < 1_001; i++) {
            ProducerRecord small = new ProducerRecord(new byte[400], "k" + i, ProducerRecord.VALID, null);
            builder.add(PutEntry.plain(small, builder.bytes(small)), 0);
        }
        assertThat(builder.take(true)).extracting(List::size).containsExactly(500, 500, 1);
    }

    @Test
    void aRecordOver1000KiBIsRefusedForPutRecordBatchButAnyPartitionKeyIsFine() {
        PutRecordsBatchBuilder builder = new PutRecordsBatchBuilder(SenderSettings.defaults(),
                PutApi.FIREHOSE_PUT_RECORD_BATCH);
        ProducerRecord fits = new ProducerRecord(new byte[1_024_000], "k".repeat(300), ProducerRecord.VALID, null);
        ProducerRecord tooLarge = new ProducerRecord(new byte[1_024_001], "key", ProducerRecord.VALID, null);
        assertThat(builder.check(fits, builder.bytes(fits))).isNull();
        PutRecordsBatchBuilder.Rejection rejection = builder.check(tooLarge, builder.bytes(tooLarge));
        assertThat(rejection.code()).isEqualTo("RecordTooLarge");
        assertThat(rejection.message()).contains("1024001 bytes exceed the 1024000-byte PutRecordBatch record limit");
    }
}
