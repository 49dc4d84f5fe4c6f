package io.firelake.config.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLayoutTest {

    @Test
    void spellsEveryPathUnderTheDataDirectory(@TempDir Path data) {
        DataLayout layout = DataLayout.of(data);
        assertThat(layout.lakeDir()).isEqualTo(data.resolve("s3/firelake-lake"));
        assertThat(layout.rawDir()).isEqualTo(data.resolve("s3/firelake-lake/raw"));
        assertThat(layout.lakeDir(LakePrefix.CURATED)).isEqualTo(data.resolve("s3/firelake-lake/curated"));
        assertThat(layout.lakeDir(LakePrefix.VIEWS)).isEqualTo(data.resolve("s3/firelake-lake/views"));
        assertThat(layout.errorsDir()).isEqualTo(data.resolve("s3/firelake-lake/errors"));
        assertThat(layout.kinesisDir()).isEqualTo(data.resolve("kinesis"));
        assertThat(layout.dynamoDbDir()).isEqualTo(data.resolve("dynamodb"));
        assertThat(layout.deliveryStreamDir("d")).isEqualTo(data.resolve("firehose/d"));
        assertThat(layout.metricsFile()).isEqualTo(data.resolve("firehose/metrics.jsonl"));
        assertThat(layout.droppedFile()).isEqualTo(data.resolve("firehose/dropped.jsonl"));
        assertThat(layout.speedLayerCheckpoints()).isEqualTo(data.resolve("speed-layer/checkpoints.json"));
        assertThat(layout.speedLayerOnFailure()).isEqualTo(data.resolve("speed-layer/on-failure.jsonl"));
        assertThat(layout.logFile("f")).isEqualTo(data.resolve("logs/f.log"));
        assertThat(layout.runtimeStateFile()).isEqualTo(data.resolve("local/state.json"));
        assertThat(layout.demoManifest()).isEqualTo(data.resolve("demo/manifest.jsonl"));
        assertThat(layout.replayLedger()).isEqualTo(data.resolve("replay/ledger.jsonl"));
        assertThat(layout.withBucket("other").errorsDir()).isEqualTo(data.resolve("s3/other/errors"));
        assertThat(layout.runFiles()).allMatch(p -> p.startsWith(data))
                .doesNotContain(layout.runtimeStateFile().getParent(), layout.replayLedger().getParent());
        assertThat(LakePrefix.RAW.uri(DataLayout.LAKE_BUCKET)).isEqualTo("s3://firelake-lake/raw/");
    }

    @Test
    void theDataDirectoryIsTheOptionElseTheEnvironmentElseTheDefault(@TempDir Path given) {
        Map<String, String> environment = Map.of(DataLayout.DATA_DIR_VARIABLE, "/srv/firelake");
        assertThat(DataLayout.dataDir(given, environment)).isEqualTo(given);
        assertThat(DataLayout.dataDir(null, environment)).isEqualTo(Path.of("/srv/firelake"));
        assertThat(DataLayout.dataDir(null, Map.of(DataLayout.DATA_DIR_VARIABLE, " ")))
                .isEqualTo(Path.of(".firelake/data").toAbsolutePath());
        assertThat(DataLayout.dataDir(null, Map.of())).isEqualTo(Path.of(".firelake/data").toAbsolutePath());
        assertThat(DataLayout.of(Path.of("relative/../data")).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void anUnwritableDataDirectoryIsReportedWithTheOptionToChangeIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> DataLayout.of(file.resolve("data")).requireWritable())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not writable").hasMessageContaining("--data-dir");
        assertThat(DataLayout.of(tmp.resolve("new")).requireWritable().dataDir()).isDirectory();
    }

    @Test
    void aDataDirectoryThatIsAFileIsNamedAsOne(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> DataLayout.of(file).requireWritable())
                .hasMessage("the data directory " + file + " is not writable (" + file + " is a file, not a "
                        + "directory). Choose another with --data-dir.");
    }
}
