package org.burnrate.metering;

import org.burnrate.support.PostgresTest;

/**
 * The same walk on PostgreSQL, 1,000 operations by default to keep the build's time in bounds;
 * {@code -Dsimulation.pg-operations=10000} runs the full length (about four minutes here).
 */
@PostgresTest
class MeteringSimulationPostgresTest extends MeteringSimulationTests {

    @Override
    int operations() {
        return Integer.getInteger("simulation.pg-operations", 1_000);
    }

    /** Here the group's own level binds; on H2 the members' allocations do. */
    @Override
    boolean overcommittedGroup() {
        return true;
    }
}
