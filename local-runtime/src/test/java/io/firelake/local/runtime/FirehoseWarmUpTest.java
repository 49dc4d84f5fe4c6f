package io.firelake.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseWarmUpTest {

    private final String contractBefore = System.getProperty(Contracts.PROPERTY);

    @AfterEach
    void restore() {
        System.clearProperty(FirehoseWarmUp.PROPERTY);
        if (contractBefore == null) {
            System.clearProperty(Contracts.PROPERTY);
        } else {
            Contracts.select(contractBefore);
        }
    }

    @Test
    void theDefaultUnlessThePropertyChoosesAnotherCountOrNone() {
        assertThat(FirehoseWarmUp.records()).isEqualTo(FirehoseWarmUp.DEFAULT_RECORDS);
        System.setProperty(FirehoseWarmUp.PROPERTY, "0");
        assertThat(FirehoseWarmUp.records()).isZero();
        assertThat(FirehoseWarmUp.payloads(0)).isEmpty();
        assertThat(FirehoseWarmUp.describe(0, 0)).contains("did not warm up", FirehoseWarmUp.PROPERTY);
        System.setProperty(FirehoseWarmUp.PROPERTY, "2_000");
        assertThat(FirehoseWarmUp.records()).isEqualTo(2_000);
        assertThat(FirehoseWarmUp.describe(2_000, 1.25)).contains("2,000 sample records", "1.3 s");
    }

    @Test
    void badInputIsAClearErrorThatSaysWhatToGive() {
        for (String bad : List.of("-1", "lots", "2000000")) {
            System.setProperty(FirehoseWarmUp.PROPERTY, bad);
            assertThatThrownBy(FirehoseWarmUp::records).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-D" + FirehoseWarmUp.PROPERTY + "=" + bad)
                    .hasMessageContaining("0 (no warm-up)");
        }
    }

    @Test
    void theSamplesAreTheSelectedContractsEvents() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("clickstream", "iot-telemetry")) {
            EventContract contract = Contracts.select(name);
            List<byte[]> payloads = FirehoseWarmUp.payloads(50);
            assertThat(payloads).hasSize(50);
            for (byte[] payload : payloads) {
                assertThat(json.readTree(payload).has(contract.eventIdField().name())).as(name).isTrue();
            }
        }
        assertThat(Contracts.select("iot-telemetry").eventIdField().name())
                .isNotEqualTo(EventContract.clickstream().eventIdField().name());
    }
}
