package io.firelake.local.console;

import io.firelake.events.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed records are shown with the contract's personal fields masked, valid JSON or not. */
class PiiMaskTest {

    private final PiiMask mask = PiiMask.of(EventContract.clickstream());

    @Test
    void masksTheIpWhereverItIs() {
        assertThat(mask.mask("{\"event_id\":\"e\",\"ip\":\"203.0.113.9\",\"event_type\":\"click\"}"))
                .isEqualTo("{\"event_id\":\"e\",\"ip\":\"***\",\"event_type\":\"click\"}");
        assertThat(mask.mask("{\"ip\" : 12345, \"x\":1}")).isEqualTo("{\"ip\" : \"***\", \"x\":1}");
        assertThat(mask.mask("{\"event_id\":\"e\",\"ip\":\"203.0.11")).doesNotContain("203.0").contains("\"ip\":\"***\"");
        assertThat(mask.mask("{\"ip\":\"a\\\"b\",\"y\":2}")).isEqualTo("{\"ip\":\"***\",\"y\":2}");
        assertThat(mask.mask("{\"zip\":\"75001\"}")).isEqualTo("{\"zip\":\"75001\"}");
    }
}
