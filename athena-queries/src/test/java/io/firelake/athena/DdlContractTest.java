package io.firelake.athena;

import io.firelake.events.contract.PinnedContract;
import io.firelake.athena.catalog.HiveDdl;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.AthenaDdl;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DDL agrees with the event contract: raw and curated are what the contract renders and read back as its columns
 * (no hand-written copy ships), and every table uses partition projection on a date key, so no MSCK REPAIR or crawler
 * is ever needed.
 */
@PinnedContract("clickstream")
class DdlContractTest {

    private final EventContract contract = EventContract.clickstream();

    @Test
    void rawDdlIsWhatTheContractRenders() {
        TableDefinition raw = LakeTables.rawDefinition(contract, LakeTables.LAKE_PLACEHOLDER);
        assertThat(LakeTables.ddl("raw_events")).isEqualTo(AthenaDdl.createTable(raw));
        assertThat(LakeTables.class.getResource("/io/firelake/athena/ddl/raw_events.sql")).as("a copy of the contract").isNull();
        TableSpec spec = LakeTables.spec("raw_events");
        assertThat(spec.columns()).extracting(Column::name, Column::type)
                .containsExactlyElementsOf(raw.columns().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.type())).toList());
        assertThat(spec.partitionKeys()).extracting(Column::name).containsExactly("event_date", "event_hour");
    }

    @Test
    void curatedDdlIsTheContractWithoutTheHourPartition() {
        TableDefinition curated = LakeTables.curatedDefinition(contract, LakeTables.LAKE_PLACEHOLDER);
        assertThat(LakeTables.ddl("curated_events")).isEqualTo(AthenaDdl.createTable(curated));
        assertThat(LakeTables.class.getResource("/io/firelake/athena/ddl/curated_events.sql")).as("a copy of the contract").isNull();
        assertThat(LakeTables.spec("curated_events").columnNames())
                .containsExactlyElementsOf(contract.enriched().dataFields().stream().map(f -> f.name()).toList());
        assertThat(LakeTables.spec("curated_events").partitionKeys()).extracting(Column::name).containsExactly("event_date");
    }

    @Test
    void everyTableIsProjectedOnADateKeyUnderItsLakePrefix() {
        for (String table : LakeTables.all()) {
            TableSpec spec = LakeTables.spec(table);
            assertThat(spec.name()).isEqualTo(table);
            assertThat(spec.database()).isEqualTo(LakeTables.DATABASE);
            assertThat(spec.location()).isEqualTo(LakeTables.LAKE_PLACEHOLDER + "/" + LakeTables.prefix(table));
            assertThat(spec.properties()).containsEntry("projection.enabled", "true");
            assertThat(spec.datePartitionKey()).as(table).isPresent();
            assertThat(spec.locationTemplate().orElseThrow()).startsWith(spec.location());
            for (Column key : spec.partitionKeys()) {
                assertThat(spec.locationTemplate().orElseThrow()).contains("${" + key.name() + "}");
                assertThat(spec.properties()).containsKey("projection." + key.name() + ".type");
            }
        }
        assertThat(LakeTables.spec("delivery_errors").format()).isEqualTo("json");
        assertThat(LakeTables.spec("sessions").format()).isEqualTo("parquet");
    }

    @Test
    void theLakeRootIsSubstitutedEverywhere() {
        String ddl = LakeTables.ddl("raw_events", "s3://my-lake/");
        assertThat(ddl).contains("LOCATION 's3://my-lake/raw/'")
                .contains("'storage.location.template'='s3://my-lake/raw/event_date=${event_date}/event_hour=${event_hour}/'")
                .doesNotContain(LakeTables.LAKE_PLACEHOLDER);
        assertThat(HiveDdl.parse(ddl).location()).isEqualTo("s3://my-lake/raw/");
    }
}
