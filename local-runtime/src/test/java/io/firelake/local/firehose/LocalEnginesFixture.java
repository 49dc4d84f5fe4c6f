package io.firelake.local.firehose;

import io.firelake.config.layout.Directories;
import com.fasterxml.jackson.databind.JsonNode;
import io.firelake.lake.format.LakeSchema;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.S3ProxyServer;
import io.firelake.local.firehose.aws.KinesisStreamSource;
import io.firelake.local.firehose.aws.S3ObjectStore;
import io.firelake.local.runtime.Streams;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kinesalite and S3Proxy for one test class, in a temporary folder, started before its first test and stopped after
 * its last: {@code @RegisterExtension static final LocalEnginesFixture engines = new LocalEnginesFixture();}. Each test
 * gets its own stream and bucket.
 */
final class LocalEnginesFixture implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    Path root;
    Kinesalite kinesalite;
    S3ProxyServer s3proxy;
    KinesisClient kinesis;
    S3Client s3;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("firelake-engines-");
        kinesalite = Kinesalite.start();
        s3proxy = S3ProxyServer.start(root.resolve("s3"));
        kinesis = LocalAws.kinesis(kinesalite.endpoint());
        s3 = LocalAws.s3(s3proxy.endpoint());
    }

    /** A fresh stream and bucket, and a delivery stream configured from the SAM template over them. */
    Pipeline pipeline(int shards) {
        return pipeline(shards, null);
    }

    /** The same, writing to {@code bucket} (DataLayout's lake bucket, for the commands that read the data dir). */
    Pipeline pipeline(int shards, String bucketName) {
        int n = COUNTER.incrementAndGet();
        String stream = "conformance-" + n;
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        Streams.awaitActive(kinesis, stream);
        String bucket = bucketName != null ? bucketName : "lake-" + n;
        DeliveryStreamConfig config = DeliveryStreamConfig.from(SamTemplate.load(), LocalAws.REGION.id()).toBuilder()
                .sourceStream(stream)
                .retries(ProcessorSettings.DEFAULT_RETRIES, Duration.ZERO)
                .build();
        return new Pipeline(config, stream, bucket, root.resolve("work-" + n));
    }

    final class Pipeline {
        DeliveryStreamConfig config;
        final String stream;
        final String bucket;
        final Path workDir;

        Pipeline(DeliveryStreamConfig config, String stream, String bucket, Path workDir) {
            this.config = config;
            this.stream = stream;
            this.bucket = bucket;
            this.workDir = workDir;
        }

        LocalFirehose firehose(Processor processor) {
            return firehose(processor, s -> s);
        }

        /** A delivery stream that asks {@code handlers} for each handler instance it needs. */
        LocalFirehose firehose(java.util.function.Supplier<Processor> handlers) {
            return firehose(handlers, s -> s);
        }

        LocalFirehose firehose(Processor processor, java.util.function.UnaryOperator<ObjectStore> wrap) {
            return firehose(() -> processor, wrap);
        }

        private LocalFirehose firehose(java.util.function.Supplier<Processor> handlers,
                                       java.util.function.UnaryOperator<ObjectStore> wrap) {
            ObjectStore store = wrap.apply(new S3ObjectStore(s3, bucket).ensureBucket());
            KinesisStreamSource source = new KinesisStreamSource(kinesis, stream, config.region(), config.accountId());
            FirehoseMetrics metrics = new FirehoseMetrics(workDir.resolve("metrics.jsonl"), config.name(), Clock.systemUTC());
            return new LocalFirehose(config, source, handlers, store,
                    LakeSchema.clickstreamRaw("s3://" + bucket + "/raw/"), workDir, metrics, Clock.systemUTC());
        }

        void put(List<String> payloads) {
            putBytes(payloads.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
        }

        void putBytes(List<byte[]> payloads) {
            for (int from = 0; from < payloads.size(); from += 500) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = from; i < Math.min(payloads.size(), from + 500); i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("pk-" + i)
                            .data(SdkBytes.fromByteArray(payloads.get(i))).build());
                }
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
                assertThat(response.failedRecordCount()).isZero();
            }
        }

        Path bucketDir() {
            return s3proxy.baseDir().resolve(bucket);
        }

        /** Object keys under a prefix, from the file system S3Proxy writes to. */
        List<String> keys(String prefix) {
            Path dir = bucketDir();
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile)
                        .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                        .filter(k -> k.startsWith(prefix))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every error document under {@code errors/<type>/}. */
        List<JsonNode> errorDocuments(String type) {
            List<JsonNode> docs = new ArrayList<>();
            for (String key : keys("errors/" + type + "/")) {
                try {
                    for (String line : Files.readAllLines(bucketDir().resolve(key))) {
                        if (!line.isBlank()) {
                            docs.add(TestProcessors.JSON.readTree(line));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return docs;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        kinesis.close();
        s3.close();
        s3proxy.close();
        kinesalite.close();
        Directories.deleteRecursively(root);
    }
}
