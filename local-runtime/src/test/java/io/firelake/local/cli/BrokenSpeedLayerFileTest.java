package io.firelake.local.cli;

import io.firelake.config.layout.DataLayout;
import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract folder whose speed-layer.yaml does not load: the demo says which line and why, before it starts any
 * engine, and prints no stack trace (it used to start everything, then fail with a Firehose WARN and its trace).
 */
class BrokenSpeedLayerFileTest {

    private final String contractBefore = System.getProperty(Contracts.PROPERTY);

    @AfterEach
    void restoreTheContract() {
        if (contractBefore == null) {
            System.clearProperty(Contracts.PROPERTY);
        } else {
            System.setProperty(Contracts.PROPERTY, contractBefore);
        }
    }

    @Test
    void theDemoRefusesItBeforeStartingAnEngine(@TempDir Path tmp) throws IOException {
        Path contract = SchemaEvolutionTest.copy(Path.of("../contracts/iot-telemetry"), tmp.resolve("iot"));
        Path yaml = contract.resolve("speed-layer.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("kind: count", "kind: cuont"));
        Path data = tmp.resolve("data");

        FirelakeCliTest.Run demo = FirelakeCliTest.run("demo", "--contract", contract.toString(), "--events", "10",
                "--aws-port", "0", "--console-port", "-1", "--data-dir", data.toString());

        assertThat(demo.exit()).isEqualTo(FirelakeCli.EXIT_CANNOT_START);
        assertThat(demo.err()).contains("firelake demo: " + yaml + ":", "cuont")
                .doesNotContain("Exception", "\tat ");
        assertThat(DataLayout.of(data).kinesisDir()).as("no engine started").doesNotExist();
    }
}
