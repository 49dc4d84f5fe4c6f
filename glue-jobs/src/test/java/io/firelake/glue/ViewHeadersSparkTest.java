package io.firelake.glue;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.SqlFile;
import io.firelake.glue.job.SparkSettings;
import io.firelake.glue.views.SqlViews;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every shipped contract's batch views declare in their {@code -- columns:} header what their query really returns:
 * Spark (Glue 5.0's engine, which builds the views) analyses each query over an empty curated table of the contract's
 * columns, so a header written by hand cannot drift from the query, whatever data a test happens to have.
 */
class ViewHeadersSparkTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSettings.local("view-headers-test", 1);
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void everyShippedContractsViewHeadersAreWhatTheQueriesReturn() {
        assertThat(Contracts.packagedNames()).contains("clickstream", "iot-telemetry");
        for (String name : Contracts.packagedNames()) {
            EventContract contract = Contracts.packaged(name);
            assertThatCode(() -> SqlViews.checkHeaders(spark, contract)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void aHeaderThatDiffersNamesTheFileTheColumnsAndTheHeaderToPaste() {
        EventContract iot = Contracts.packaged("iot-telemetry");
        String sql = iot.batchViews().get(0).sql();
        assertThat(sql).contains("readings bigint", "first_reading timestamp");
        SqlFile lying = new SqlFile("device_daily", "", sql.replace("readings bigint", "readings int")
                .replace("first_reading timestamp, ", ""));
        EventContract wrong = new EventContract(iot.name(), iot.raw(), iot.enriched(), iot.rawDefaults(),
                iot.enrichments(), iot.simulator(), List.of(lying), iot.reports(), iot.rawAvsc());

        assertThatThrownBy(() -> SqlViews.checkHeaders(spark, wrong))
                .hasMessageStartingWith("views/device_daily.sql of contract iot-telemetry: its '-- columns:' header "
                        + "does not match what the query returns (declared, not returned: [readings int]; returned, "
                        + "not declared: [first_reading timestamp, readings bigint]), which is\n"
                        + "-- columns: device_id string, device_type string");
    }
}
