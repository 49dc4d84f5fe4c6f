package io.firelake.benchmarks.cost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostModelTest {

    /** 500-byte events, 50 to a 25,000-byte aggregate; everything else small and fixed. */
    private static final CostModel.Inputs INPUTS = new CostModel.Inputs(480, 20, 50, 25_000, 900, 60, 70, 6, 0.03,
            0.008, 30, 700, 100_000, 110_000, 3, 11);

    @Test
    void firehoseBillsEveryRecordAsAtLeastFiveKilobytes() {
        CostModel.Bill off = CostModel.monthly(INPUTS, CostModel.Design.defaults(1_000_000_000).withAggregation(false));
        double billedGb = 1e9 * 5 * 1024 / Prices.GB;
        assertThat(off.usd("ingestion")).isCloseTo(billedGb * Prices.FIREHOSE_INGEST_GB, within(0.01));
    }

    @Test
    void aggregationCutsFirehoseIngestionByTheRoundingItAvoids() {
        CostModel.Design design = CostModel.Design.defaults(1_000_000_000);
        double on = CostModel.monthly(INPUTS, design).usd("ingestion");
        double off = CostModel.monthly(INPUTS, design.withAggregation(false)).usd("ingestion");
        // off: 5 KB per 500-byte event; on: 25 KB (already a multiple of 5 KB) per 50 events
        assertThat(off / on).isCloseTo(5.0 * 1024 * 50 / (25 * 1024), within(0.01));
    }

    @Test
    void provisionedStreamsPayOnePutPayloadUnitPerSmallRecord() {
        CostModel.Bill off = CostModel.monthly(INPUTS,
                CostModel.Design.defaults(1_000_000_000).withProvisioned(true).withAggregation(false));
        assertThat(off.usd("PUT payload units")).isCloseTo(1e9 / 1e6 * Prices.KINESIS_PUT_PAYLOAD_UNITS_MILLION,
                within(1e-6));
    }

    @Test
    void onDemandRoundsEveryRecordUpToAKilobyte() {
        CostModel.Bill off = CostModel.monthly(INPUTS, CostModel.Design.defaults(1_000_000).withAggregation(false));
        assertThat(off.usd("on-demand data in")).isCloseTo(1e6 * 1024 / Prices.GB * Prices.KINESIS_ON_DEMAND_INGEST_GB,
                within(1e-9));
    }

    @Test
    void dynamoDbBillsTheWriteUnitsOfEveryShardsWindow() {
        CostModel.Bill bill = CostModel.monthly(INPUTS, CostModel.Design.defaults(1_000_000_000));
        double windows = 4 * CostModel.SECONDS_PER_MONTH / 60;
        assertThat(bill.usd("on-demand writes")).isCloseTo(windows * 11 / 1e6 * Prices.DYNAMODB_WRITE_UNITS_MILLION,
                within(1e-9));
    }

    @Test
    void theSpeedLayerRunsAtThePlainRecordRateWithoutAggregation() {
        // on demand: 4 shards either way, and both designs fill every 5 s batching window, so only the compute differs
        CostModel.Design design = CostModel.Design.defaults(1_000_000_000);
        double on = CostModel.monthly(INPUTS, design).usd("speed layer");
        double off = CostModel.monthly(INPUTS, design.withAggregation(false)).usd("speed layer");
        double cpuSecondsSaved = 1e9 / 100_000 - 1e9 / 110_000;
        assertThat(on - off).isCloseTo(cpuSecondsSaved * CostModel.LAMBDA_FULL_VCPU_MB / 1024 * Prices.LAMBDA_GB_SECOND,
                within(1e-9));
    }

    @Test
    void athenaChargesTheTenMegabyteMinimum() {
        assertThat(CostModel.athenaUsd(1, 1)).isEqualTo(CostModel.athenaUsd(1000, 1000));
        assertThat(CostModel.athenaUsd(1e9, 6)).isGreaterThan(CostModel.athenaUsd(1e6, 6));
    }
}
