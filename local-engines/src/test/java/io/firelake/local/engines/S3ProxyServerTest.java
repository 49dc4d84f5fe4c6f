package io.firelake.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3ProxyServerTest {

    @TempDir
    Path baseDir;

    @Test
    void anObjectPutThroughTheS3ApiIsAPlainFileOnDisk() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(baseDir);
             S3Client s3 = LocalAws.s3(server.endpoint())) {
            s3.createBucket(b -> b.bucket("firelake-lake"));
            s3.putObject(b -> b.bucket("firelake-lake").key("raw/event_date=2026-11-22/part-1.txt"),
                    RequestBody.fromString("hello lake", StandardCharsets.UTF_8));

            Path file = baseDir.resolve("firelake-lake/raw/event_date=2026-11-22/part-1.txt");
            assertThat(server.pathOf("firelake-lake", "raw/event_date=2026-11-22/part-1.txt")).isEqualTo(file);
            assertThat(file).exists();
            assertThat(Files.readString(file)).isEqualTo("hello lake");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("firelake-lake")
                    .key("raw/event_date=2026-11-22/part-1.txt")).asUtf8String()).isEqualTo("hello lake");
            assertThat(s3.listObjectsV2(b -> b.bucket("firelake-lake").prefix("raw/")).contents())
                    .extracting(o -> o.key()).containsExactly("raw/event_date=2026-11-22/part-1.txt");
        }
    }
}
