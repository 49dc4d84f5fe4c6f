package io.firelake.local.firehose.directput;

import io.firelake.local.firehose.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectPutLogTest {

    @TempDir
    Path dir;

    private static List<byte[]> records(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> texts(StreamSource.Batch batch) {
        return batch.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void readsWhatWasAppendedInOrderAndResumesAfterACheckpoint() {
        Path file = dir.resolve("orders/directput.log");
        try (DirectPutLog log = new DirectPutLog(file, Clock.systemUTC())) {
            List<String> seq = log.append(records("a", "bb", "ccc"));
            assertThat(seq).isSorted().hasSize(3);
            StreamSource.ShardReader reader = log.open(DirectPutLog.SHARD_ID, null);
            assertThat(texts(reader.next(2))).containsExactly("a", "bb");
            log.append(records("dddd"));
            assertThat(texts(reader.next(10))).containsExactly("ccc", "dddd");
            assertThat(reader.next(10).records()).isEmpty();
            assertThat(texts(log.open(DirectPutLog.SHARD_ID, seq.get(1)).next(10))).containsExactly("ccc", "dddd");
        }
    }

    @Test
    void concurrentAppendsShareForcesAndEveryAcknowledgedRecordIsReadOnceInOrder() throws Exception {
        Path file = dir.resolve("concurrent/directput.log");
        try (DirectPutLog log = new DirectPutLog(file, Clock.systemUTC())) {
            List<String> acknowledged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                calls.add(pool.submit(() -> {
                    for (int call = 0; call < 50; call++) {
                        List<String> ids = log.append(records("t" + thread + "-c" + call + "-a",
                                "t" + thread + "-c" + call + "-b"));
                        acknowledged.addAll(ids);
                    }
                }));
            }
            for (var call : calls) {
                call.get();
            }
            pool.shutdown();
            List<StreamSource.KinesisRecord> read = log.open(DirectPutLog.SHARD_ID, null).next(10_000).records();
            assertThat(read).hasSize(800);
            assertThat(read).extracting(StreamSource.KinesisRecord::sequenceNumber).isSorted()
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(read).extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).doesNotHaveDuplicates();
            assertThat(log.unreadBytes()).isZero();
        }
    }

    @Test
    void aTornTailFromACrashIsCutAndNothingAcknowledgedIsLost() throws Exception {
        Path file = dir.resolve("directput.log");
        try (DirectPutLog log = new DirectPutLog(file, Clock.systemUTC())) {
            log.append(records("kept-1", "kept-2"));
        }
        Files.write(file, new byte[]{0, 0, 1, 0, 1, 2}, StandardOpenOption.APPEND);
        try (DirectPutLog log = new DirectPutLog(file, Clock.systemUTC())) {
            assertThat(texts(log.open(DirectPutLog.SHARD_ID, null).next(10))).containsExactly("kept-1", "kept-2");
            log.append(records("after"));
            assertThat(texts(log.open(DirectPutLog.SHARD_ID, null).next(10)))
                    .containsExactly("kept-1", "kept-2", "after");
        }
    }
}
