package org.burnrate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link WebTest} on PostgreSQL: the whole portal, demo data, a database of its own. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresAvailability.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"portal.demo=true",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/${portal.test.web-database}"})
@ActiveProfiles({"test", "postgres", "test-pg"})
@Import(TestClockConfiguration.class)
public @interface WebPostgresTest {
}
