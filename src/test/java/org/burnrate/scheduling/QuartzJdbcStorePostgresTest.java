package org.burnrate.scheduling;

import java.util.Map;

import org.burnrate.support.PostgresAvailability;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresAvailability.class)
class QuartzJdbcStorePostgresTest extends QuartzJdbcStoreTests {

    @Override
    String[] profiles() {
        return new String[] {"test", "postgres", "test-pg"};
    }

    @Override
    Map<String, Object> databaseProperties() {
        return Map.of();
    }
}
