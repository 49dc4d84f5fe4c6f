package io.firelake.local.deploy;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.template.ContractColumns;
import io.firelake.endpoint.glue.LocalGlue;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.RawSchemaParameters;
import io.firelake.local.cli.FirelakeCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.model.Column;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake deploy} compares the contract the build wrote into the template with the one the deployed Glue tables
 * hold, read through the Glue API of the project's endpoint, and refuses a breaking change before anything is uploaded;
 * an added optional field goes on to the upload. The raw schema, which no lake column shows, is judged against the one
 * the deployed raw table records in its parameters.
 */
class DeployRefusesBreakingContractTest {

    /** The iot contract's raw partition keys, as its deployed raw table has them. */
    private static final List<Column> RAW_KEYS = List.of(Column.builder().name("event_date").type("string").build(),
            Column.builder().name("event_hour").type("string").build());

    @TempDir
    Path dir;
    private LocalGlue glue;
    private Path repository;

    @BeforeEach
    void start() throws IOException {
        glue = LocalGlue.start(dir.resolve("glue")).withDatabase("firelake");
        repository = dir.resolve("repo");
        Files.createDirectories(repository.resolve("sam/target"));
        Files.writeString(repository.resolve("sam/template.yaml"), "Resources: {}\n");
        Files.copy(Path.of("../sam/samconfig.toml"), repository.resolve("sam/samconfig.toml"));
        Files.writeString(repository.resolve("sam/target/template.yaml"), "Parameters:\n  EventContract:\n"
                + "    Type: String\n    Default: iot-telemetry\n    AllowedValues: [iot-telemetry]\nResources: {}\n");
        Files.setLastModifiedTime(repository.resolve("sam/template.yaml"), FileTime.fromMillis(
                Files.getLastModifiedTime(repository.resolve("sam/target/template.yaml")).toMillis() - 5_000));
    }

    @AfterEach
    void stop() {
        glue.close();
    }

    @Test
    void aRetypedOrRemovedLakeColumnIsRefusedBeforeAnythingIsUploaded() {
        deployed(LakeTables.RAW, columns -> {
            List<Column> old = new ArrayList<>(columns);
            old.replaceAll(c -> c.name().equals("co2_ppm") ? c.toBuilder().type("double").build() : c);
            old.add(Column.builder().name("legacy_zone").type("string").build());
            return old;
        });

        Run run = deploy();

        assertThat(run.exit()).as(run.out()).isEqualTo(DeployCommand.EXIT_BREAKING_CONTRACT);
        assertThat(run.err()).startsWith("firelake deploy: contract iot-telemetry cannot replace the running one: ")
                .contains("lake column co2_ppm changes type double -> int (files already written hold double)",
                        "lake column legacy_zone is removed (files already written hold it)",
                        "(raw_events in Glue database firelake at " + glue.uri(), "nothing was deployed");
        assertThat(run.out()).doesNotContain("uploaded", "sam build");
    }

    @Test
    void anAddedOptionalColumnGoesOnToTheUpload() {
        deployed(LakeTables.RAW, columns -> columns.stream().filter(c -> !c.name().equals("signal_dbm")).toList());

        Run run = deploy();

        assertThat(run.out()).contains("contract iot-telemetry can replace the deployed one (raw_events): adds lake "
                + "column signal_dbm", "contract iot-telemetry: curated_events not in Glue database firelake");
        assertThat(run.err()).doesNotContain("cannot replace").as("then the upload, to S3 on the same endpoint, runs")
                .contains("firelake deploy: ");
    }

    @Test
    void aRawOnlyBreakingChangeIsRefusedBeforeAnythingIsUploaded() {
        deployedRaw(raw -> raw
                .replace("{\"name\":\"gateway_ip\",\"type\":[\"null\",\"string\"]",
                        "{\"name\":\"gateway_ip\",\"type\":[\"null\",\"long\"]")
                .replace("{\"name\":\"firmware\",\"type\":\"string\",\"doc\":\"Firmware version, major.minor.patch.\"},",
                        "{\"name\":\"installer_id\",\"type\":\"string\"},"));

        Run run = deploy();

        assertThat(run.exit()).as(run.out()).isEqualTo(DeployCommand.EXIT_BREAKING_CONTRACT);
        assertThat(run.err()).startsWith("firelake deploy: contract iot-telemetry cannot replace the running one: ")
                .contains("raw field gateway_ip changes type bigint -> string",
                        "raw field installer_id is required and removed",
                        "new raw field firmware is required (old producers do not send it)",
                        "(raw_events in Glue database firelake at " + glue.uri(), "nothing was deployed")
                .doesNotContain("lake column");
        assertThat(run.out()).doesNotContain("uploaded", "sam build");
    }

    @Test
    void anOptionalRawFieldAddedGoesOnToTheUpload() {
        deployedRaw(raw -> raw.replaceAll("\\{\"name\":\"gateway_ip\"[^}]*\\},", ""));

        Run run = deploy();

        assertThat(run.out()).contains("contract iot-telemetry can replace the deployed one (raw_events): adds raw "
                + "field gateway_ip");
        assertThat(run.err()).doesNotContain("cannot replace").contains("firelake deploy: ");
    }

    @Test
    void aChangedEventIdOrEventTimeIsRefusedSayingWhatToDo() {
        EventContract iot = Contracts.packaged("iot-telemetry");
        Map<String, String> parameters = new LinkedHashMap<>(RawSchemaParameters.of(iot));
        parameters.put(RawSchemaParameters.EVENT_ID, "legacy_reading_id");
        parameters.put(RawSchemaParameters.EVENT_TIME, "measured_at");
        deployedRecording(iot, parameters);

        Run run = deploy();

        assertThat(run.exit()).as(run.out()).isEqualTo(DeployCommand.EXIT_BREAKING_CONTRACT);
        assertThat(run.err()).startsWith("firelake deploy: contract iot-telemetry cannot replace the running one: ")
                .contains("event id changes legacy_reading_id -> reading_id (the data already written was de-duplicated "
                                + "by legacy_reading_id",
                        "keep legacy_reading_id as the event id, or deploy the change as a new contract under another "
                                + "database (--database) or after dropping the tables",
                        "event time changes measured_at -> read_at (the data already written is partitioned by "
                                + "measured_at", "nothing was deployed")
                .doesNotContain("lake column", "raw field");
        assertThat(run.out()).doesNotContain("uploaded", "sam build");
    }

    @Test
    void renamedPartitionKeysAreRefused() {
        glue.client().createTable(b -> b.databaseName("firelake").tableInput(t -> t.name(LakeTables.RAW)
                .partitionKeys(Column.builder().name("reading_day").type("string").build(),
                        Column.builder().name("reading_hour").type("string").build())
                .storageDescriptor(s -> s.columns(ContractColumns.of(Contracts.packaged("iot-telemetry")).stream()
                        .map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList())
                        .location("s3://lake/raw/"))));

        Run run = deploy();

        assertThat(run.exit()).as(run.out()).isEqualTo(DeployCommand.EXIT_BREAKING_CONTRACT);
        assertThat(run.err()).contains("partition keys change [reading_day, reading_hour] -> [event_date, event_hour]");
    }

    /** A deployed raw table with the iot contract's lake columns, recording its raw schema as {@code edit} changes it. */
    private void deployedRaw(UnaryOperator<String> edit) {
        EventContract iot = Contracts.packaged("iot-telemetry");
        Map<String, String> parameters = new LinkedHashMap<>(RawSchemaParameters.of(iot));
        String raw = parameters.get(RawSchemaParameters.RAW_SCHEMA);
        String edited = edit.apply(raw);
        assertThat(edited).as("the edit applies").isNotEqualTo(raw);
        parameters.put(RawSchemaParameters.RAW_SCHEMA, edited);
        deployedRecording(iot, parameters);
    }

    /** A deployed raw table with the iot contract's lake columns and these parameters. */
    private void deployedRecording(EventContract iot, Map<String, String> parameters) {
        List<Column> columns = ContractColumns.of(iot).stream()
                .map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
        glue.client().createTable(b -> b.databaseName("firelake").tableInput(t -> t.name(LakeTables.RAW)
                .parameters(parameters).partitionKeys(RAW_KEYS)
                .storageDescriptor(s -> s.columns(columns).location("s3://lake/raw/"))));
    }

    /** A deployed table holding the iot contract's lake columns as {@code edit} changes them. */
    private void deployed(String table, UnaryOperator<List<Column>> edit) {
        List<Column> columns = ContractColumns.of(Contracts.packaged("iot-telemetry")).stream()
                .map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
        glue.client().createTable(b -> b.databaseName("firelake").tableInput(t -> t.name(table).partitionKeys(RAW_KEYS)
                .storageDescriptor(s -> s.columns(edit.apply(columns)).location("s3://lake/raw/"))));
    }

    private record Run(int exit, String out, String err) {
    }

    private Run deploy() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FirelakeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("deploy", "--artifacts-bucket", "artifacts", "--endpoint-url", glue.uri().toString(),
                "--repository", repository.toString(), "--upload-only");
        return new Run(exit, out.toString(), err.toString());
    }
}
