package org.burnrate.scheduling;

import java.util.Map;
import java.util.UUID;

class QuartzJdbcStoreH2Test extends QuartzJdbcStoreTests {

    private final String url = "jdbc:h2:mem:quartz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    String[] profiles() {
        return new String[] {"test"};
    }

    @Override
    Map<String, Object> databaseProperties() {
        return Map.of("spring.datasource.url", url);
    }
}
