package org.burnrate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The same service test on the machine's PostgreSQL (database {@code portal_test}), with the
 * production {@code postgres} profile, a {@link TestClock} and (disarmed) {@link LedgerFaults}.
 * Skipped loudly when PostgreSQL is unreachable, failed instead when {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresAvailability.class)
@SpringBootTest
@ActiveProfiles({"test", "postgres", "test-pg"})
@Import({TestClockConfiguration.class, LedgerFaults.class})
public @interface PostgresTest {
}
