package io.firelake.producer.generate;

import io.firelake.events.EventContract;
import io.firelake.producer.model.ProducerRecord;

import java.util.Iterator;

/** The simulator a contract asks for ({@code simulator.generator}): the named clickstream one, or the generic one. */
public final class Simulators {

    private Simulators() {
    }

    public static Iterator<ProducerRecord> of(SimulationSettings settings, EventContract contract) {
        return "clickstream".equals(contract.simulator().generator())
                ? new ClickstreamSimulator(settings, contract)
                : new ContractSimulator(settings, contract);
    }
}
