package org.burnrate.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.burnrate.security.SystemActor;
import org.burnrate.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PostgresTest
class MeteringPostgresTest extends MeteringTests {

    @Autowired
    PlatformTransactionManager transactions;

    /**
     * A client sends a batch again before the first request committed: the second request read the
     * keys before the first committed them, waits at the key's unique index for the first, then finds
     * the key taken, and is tried once more, answering the repeat as a repeat. (PostgreSQL only: the
     * wait is seen in pg_stat_activity.)
     */
    @Test
    void aBatchSentAgainWhileTheFirstIsBeingWrittenChargesEachEventOnce() throws Exception {
        var storage = storageChargedPerOperation();
        var key = "evt-twice-" + storage.id();
        var again = new AtomicReference<Future<List<UsageService.UsageResult>>>();
        try (var client = Executors.newSingleThreadExecutor()) {
            var first = new TransactionTemplate(transactions).execute(status -> {
                var result = SystemActor.call(() -> usage.record(List.of(
                        new UsageService.UsageEvent(storage.id(), new BigDecimal("100"), null, key))));
                again.set(client.submit(() -> SystemActor.call(() -> usage.record(List.of(
                        new UsageService.UsageEvent(storage.id(), new BigDecimal("100"), null, key),
                        new UsageService.UsageEvent(storage.id(), new BigDecimal("7"), null, key + "-more"))))));
                awaitASessionWaitingForALock(Duration.ofSeconds(20));
                return result;
            });
            var second = again.get().get(20, TimeUnit.SECONDS);

            assertThat(first).extracting(UsageService.UsageResult::charged).containsExactly(true);
            assertThat(second).extracting(UsageService.UsageResult::charged).containsExactly(false, true);
            assertThat(second.getFirst().lineId()).isEqualTo(first.getFirst().lineId());
            assertThat(ledger.debitedFor(storage.id())).isEqualTo(units("1.07"));
        }
    }

    private void awaitASessionWaitingForALock(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'", Integer.class) == 0) {
            assertThat(System.nanoTime()).as("the second request waits for the first one's key").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
