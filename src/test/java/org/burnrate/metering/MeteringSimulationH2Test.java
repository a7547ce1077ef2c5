package org.burnrate.metering;

import org.burnrate.support.H2Test;

/**
 * The full walk: 10,000 operations (about two minutes on two cores); {@code -Dsimulation.operations=N}
 * for more.
 */
@H2Test
class MeteringSimulationH2Test extends MeteringSimulationTests {

    @Override
    int operations() {
        return Integer.getInteger("simulation.operations", 10_000);
    }
}
