package io.firelake.kinesis.aggregation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregationRoundTripTest {

    record Input(String partitionKey, String explicitHashKey, byte[] data) {
    }

    @Provide
    Arbitrary<List<Input>> batches() {
        Arbitrary<String> keys = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> hashKeys = Arbitraries.bigIntegers().between(java.math.BigInteger.ZERO,
                java.math.BigInteger.TWO.pow(128).subtract(java.math.BigInteger.ONE)).map(Object::toString).injectNull(0.5);
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(keys, hashKeys, data).as(Input::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void everyUserRecordComesBackInOrderAndTheSizeIsExact(@ForAll("batches") List<Input> batch) {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        for (Input input : batch) {
            int predicted = encoder.sizeIfAdded(input.partitionKey(), input.explicitHashKey(), input.data());
            encoder.add(input.partitionKey(), input.explicitHashKey(), input.data());
            assertThat(encoder.sizeBytes()).isEqualTo(predicted);
        }
        byte[] aggregate = encoder.toBytes();
        assertThat(aggregate).hasSize(encoder.sizeBytes());
        assertThat(Deaggregator.isAggregated(aggregate)).isTrue();

        List<UserRecord> records = Deaggregator.deaggregate(aggregate, "ignored", null);
        assertThat(records).hasSameSizeAs(batch);
        for (int i = 0; i < batch.size(); i++) {
            UserRecord record = records.get(i);
            assertThat(record.partitionKey()).isEqualTo(batch.get(i).partitionKey());
            assertThat(record.explicitHashKey()).isEqualTo(batch.get(i).explicitHashKey());
            assertThat(record.data()).isEqualTo(batch.get(i).data());
            assertThat(record.subSequenceNumber()).isEqualTo(i);
            assertThat(record.aggregated()).isTrue();
        }
    }

    @Property(tries = 1000)
    void anyBytesThatAreNotAnAggregateArePassedThroughAsOneRecord(@ForAll @Size(max = 200) byte[] data) {
        List<UserRecord> records = Deaggregator.deaggregate(data, "pk", null);
        assertThat(records).containsExactly(new UserRecord("pk", null, data, 0, false));
    }

    @Test
    void aCorruptedDigestMakesItAPlainRecordRatherThanLosingIt() {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        encoder.add("a", null, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] aggregate = encoder.toBytes();
        aggregate[aggregate.length - 1] ^= 1;
        assertThat(Deaggregator.deaggregate(aggregate, "outer", null))
                .singleElement().satisfies(r -> assertThat(r.aggregated()).isFalse());
    }

    @Test
    void aValidDigestOverACorruptMessageIsANonRetryableError() {
        byte[] body = {(byte) 0x1A, (byte) 0x7F}; // records field claiming 127 bytes that are not there
        byte[] digest = AggregationFormat.md5().digest(body);
        byte[] aggregate = new byte[4 + body.length + 16];
        System.arraycopy(AggregationFormat.MAGIC, 0, aggregate, 0, 4);
        System.arraycopy(body, 0, aggregate, 4, body.length);
        System.arraycopy(digest, 0, aggregate, 4 + body.length, 16);
        assertThatThrownBy(() -> Deaggregator.deaggregate(aggregate, "pk", null))
                .isInstanceOf(InvalidAggregateException.class);
    }

    @Test
    void sharedPartitionKeysAreStoredOnce() {
        AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            encoder.add("session-1", null, new byte[10]);
            sizes.add(encoder.sizeBytes());
        }
        assertThat(sizes.get(2) - sizes.get(1)).isEqualTo(sizes.get(1) - sizes.get(0)).isLessThan(20);
        assertThat(encoder.firstPartitionKey()).isEqualTo("session-1");
        assertThat(encoder.firstExplicitHashKey()).isNull();
    }

    @Test
    void utf8LengthCountsSurrogatePairsAsFourBytes() {
        for (String s : List.of("abc", "é", "€", "😀", "a😀é€")) {
            assertThat(AggregatedRecordEncoder.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
