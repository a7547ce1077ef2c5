package org.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The money rules of the ledger; run on H2 and on PostgreSQL by the subclasses. */
abstract class LedgerTests {

    @Autowired
    Ledger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    long organization;
    long admin;
    long group;
    long member;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    /** Organization 10,000 → group admin 2,000 → group 1,000 → member 100. */
    @BeforeEach
    void hierarchy() {
        organization = ledger.openOrganization("Northfield " + UUID.randomUUID(), units("10000"));
        admin = ledger.openAccount(AccountKind.GROUP_ADMIN, organization, "Dr. Lopez", false);
        ledger.allocate(admin, units("2000"), "appointed", null);
        group = ledger.openAccount(AccountKind.GROUP, admin, "CS101", false);
        ledger.allocate(group, units("1000"), "group budget", null);
        member = ledger.openAccount(AccountKind.MEMBERSHIP, group, "Ada", false);
        ledger.allocate(member, units("100"), "default allocation", null);
    }

    @AfterEach
    void everyBalanceEqualsTheSumOfItsLines() {
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    @Test
    void verifyingBalancesNamesTheAccountWhoseCachedFigureDiffersFromItsLines() {
        ledger.charge(member, units("10"), "usage", null);
        ledger.hold(member, units("5"), "minimum span", null);
        // The member has lines of its own; the group's consumption and holds are those of its member.
        for (long account : List.of(member, group)) {
            for (var figure : List.of("allocated", "allocated_to_children", "consumed", "held")) {
                jdbc.update("update ledger_account set " + figure + " = " + figure + " + 0.0001 where id = ?", account);
                assertThat(ledger.verifyBalances()).as("%s of account %s off by 0.0001", figure, account)
                        .singleElement().asString().startsWith("account " + account + " (");
                jdbc.update("update ledger_account set " + figure + " = " + figure + " - 0.0001 where id = ?", account);
            }
        }
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    @Test
    void verifyingASubtreeChecksItsAccountsAgainstItsOwnLinesAndNoOthers() {
        ledger.charge(member, units("10"), "usage", null);
        ledger.hold(member, units("5"), "minimum span", null);
        assertThat(ledger.verifyBalancesBelow(admin)).as("the admin's budget, its group and member agree").isEmpty();
        for (long account : List.of(member, group, admin)) {
            for (var figure : List.of("allocated", "allocated_to_children", "consumed", "held")) {
                jdbc.update("update ledger_account set " + figure + " = " + figure + " + 0.0001 where id = ?", account);
                assertThat(ledger.verifyBalancesBelow(admin)).as("%s of account %s off by 0.0001", figure, account)
                        .singleElement().asString().startsWith("account " + account + " (");
                jdbc.update("update ledger_account set " + figure + " = " + figure + " - 0.0001 where id = ?", account);
            }
        }
        jdbc.update("update ledger_account set consumed = consumed + 0.0001 where id = ?", organization);
        assertThat(ledger.verifyBalancesBelow(group)).as("the organization is above the subtree").isEmpty();
        assertThat(ledger.verifyBalances()).singleElement().asString().startsWith("account " + organization + " (");
        jdbc.update("update ledger_account set consumed = consumed - 0.0001 where id = ?", organization);
    }

    /**
     * A debit run reads a chunk's last spans ahead, before it takes the lock, while its own chunk
     * before is written. When another node wrote spans of those resources in between, the lock reads
     * them again, and nothing is charged twice.
     */
    @Test
    void spansReadAheadOfTheLockAreReadAgainWhenAnotherNodeWroteSpansSince() {
        long resource = 1_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000);
        long neighbour = resource + 1;
        var ten = Instant.parse("2026-11-24T10:00:00Z");
        var inTransaction = new TransactionTemplate(transactions);
        var run = new Ledger.SpanFence();

        var ahead = ledger.readSpansAhead(Set.of(member), Set.of(resource));
        inTransaction.executeWithoutResult(status -> {
            // The run's own chunk before, on another resource.
            var lock = ledger.lockForSpans(Set.of(member), Set.of(neighbour), null, run);
            assertThat(ledger.debitSpans(List.of(span(neighbour, ten, "0.6667")), lock)).isOne();
        });
        inTransaction.executeWithoutResult(status -> {
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource), ahead, run);
            assertThat(lock.lastStarts()).isEmpty();
        });

        var staleAhead = ledger.readSpansAhead(Set.of(member), Set.of(resource));
        inTransaction.executeWithoutResult(status -> {
            // Another node, meanwhile: its own run, its own fence.
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource), null, new Ledger.SpanFence());
            assertThat(ledger.debitSpans(List.of(span(resource, ten, "0.6667")), lock)).isOne();
        });
        inTransaction.executeWithoutResult(status -> {
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource), staleAhead, run);
            assertThat(lock.lastStarts()).as("read again under the lock").containsEntry(resource, ten);
            assertThat(ledger.debitSpans(List.of(span(resource, ten, "0.6667"),
                    span(resource, ten.plusSeconds(60), "0.6666")), lock)).as("only the span not yet written").isOne();
        });
        assertThat(ledger.debitedFor(resource)).isEqualTo(units("1.3333"));
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    /**
     * A node remembers the last spans its own runs wrote. When another node wrote spans of the same
     * organization since, the memory no longer counts: the spans are read from the database, and a
     * span the other node wrote is not charged again.
     */
    @Test
    void aNodeRemembersTheSpansItWroteOnlyUntilAnotherNodeWritesSpansOfTheOrganization() {
        long resource = 1_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var ten = Instant.parse("2026-11-24T10:00:00Z");
        var memory = new SpanMemory(1000);

        assertThat(nodeWrites(memory, null, null, span(resource, ten, "0.6667"))).isOne();
        // The node's next run: what it remembers serves.
        assertThat(nodeWrites(memory, ledger.readSpansAhead(Set.of(member), Set.of(resource), memory), ten,
                span(resource, ten, "0.6667"), span(resource, ten.plusSeconds(60), "0.6666"))).isOne();
        // Another node writes the third span, under the organization's lock as every writer does.
        assertThat(nodeWrites(new SpanMemory(1000), null, null, span(resource, ten.plusSeconds(120), "0.6667"))).isOne();
        assertThat(nodeWrites(memory, ledger.readSpansAhead(Set.of(member), Set.of(resource), memory),
                ten.plusSeconds(120), span(resource, ten.plusSeconds(120), "0.6667"),
                span(resource, ten.plusSeconds(180), "0.6666"))).as("read from the database, only the fourth span").isOne();
        assertThat(ledger.debitedFor(resource)).isEqualTo(units("2.6666"));
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    /** Spans a rebill writes are not remembered: the next run reads them from the database. */
    @Test
    void theLastSpanAfterARebillIsReadFromTheDatabaseNotRemembered() {
        long resource = 1_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var ten = Instant.parse("2026-11-24T10:00:00Z");
        var memory = new SpanMemory(1000);
        assertThat(nodeWrites(memory, null, null, span(resource, ten, "0.6667"))).isOne();
        // A start confirmed late: from ten on, three spans are owed, of which the first is written.
        var ahead = ledger.readSpansAhead(Set.of(member), Set.of(resource), memory);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource), ahead, new Ledger.SpanFence(), memory);
            assertThat(ledger.rebillSpans(lock, Map.of(resource, ten), Set.of(member),
                    List.of(span(resource, ten, "0.6667"), span(resource, ten.plusSeconds(60), "0.6666"),
                            span(resource, ten.plusSeconds(120), "0.6667")), "late start")).isEqualTo(2);
        });
        assertThat(nodeWrites(memory, ledger.readSpansAhead(Set.of(member), Set.of(resource), memory),
                ten.plusSeconds(120), span(resource, ten.plusSeconds(120), "0.6667"),
                span(resource, ten.plusSeconds(180), "0.6666"))).as("only the fourth span").isOne();
        assertThat(ledger.debitedFor(resource)).isEqualTo(units("2.6666"));
    }

    /**
     * One transaction of a node's debit run (a run of its own) with the node's span memory: locks the
     * member's organization for the spans' resource, with what was read ahead if anything, checks
     * the last span start it finds there, writes the spans and answers how many were new.
     */
    private int nodeWrites(SpanMemory memory, Ledger.@Nullable SpansReadAhead ahead, @Nullable Instant lastStart,
            SpanDebit... spans) {
        var resources = Arrays.stream(spans).map(SpanDebit::resourceId).collect(Collectors.toSet());
        Integer written = new TransactionTemplate(transactions).execute(status -> {
            var lock = ledger.lockForSpans(Set.of(member), resources, ahead, new Ledger.SpanFence(), memory);
            if (lastStart != null) {
                assertThat(lock.lastStarts()).containsEntry(spans[0].resourceId(), lastStart);
            }
            return ledger.debitSpans(List.of(spans), lock);
        });
        return written;
    }

    /**
     * A chunk of a debit run is written in one go (on PostgreSQL through COPY): every line is stored
     * as given, a resource named with a tab, a backslash, a line break or quotes included.
     */
    @Test
    void aChunkOfSpanDebitsIsStoredExactlyAsGivenWhateverTheResourcesAreNamed() {
        long first = 1_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var ten = Instant.parse("2026-11-24T10:00:00.123456Z");
        var name = "'lab\tVM \\N\\ \"Ada's\"\r\nnew line ü'";
        List<SpanDebit> debits = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // Spans that start together in runs of seven, as a chunk's often do, and then apart.
            var start = ten.plusSeconds(60L * (i / 7));
            debits.add(new SpanDebit(member, first + i, units(i % 2 == 0 ? "0.0667" : "0.0666"), null, start,
                    start.plusSeconds(60), i % 3 == 0 ? null : new BigDecimal("0.050000"), i % 3 == 0 ? null : "EUR",
                    null, name + " (VM " + i + ") running"));
        }
        var inTransaction = new TransactionTemplate(transactions);
        Integer written = inTransaction.execute(status -> ledger.debitSpans(debits,
                ledger.lockForSpans(Set.of(member), debits.stream().map(SpanDebit::resourceId).toList())));
        assertThat(written).isEqualTo(600);

        var stored = jdbc.query("""
                select resource_id, reason, amount, span_start, span_end, unit_value, currency, counter_account_id,
                    idempotency_key, span_revision from ledger_line where resource_id between ? and ? order by resource_id""",
                (row, n) -> List.of(row.getLong(1), row.getString(2), row.getBigDecimal(3).toPlainString(),
                        row.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        row.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        String.valueOf(row.getBigDecimal(6)), String.valueOf(row.getString(7)),
                        String.valueOf(row.getObject(8)), String.valueOf(row.getObject(9)), row.getInt(10)),
                first, first + 599);
        assertThat(stored).hasSize(600);
        for (int i = 0; i < 600; i++) {
            assertThat(stored.get(i)).as("line of VM %d", i).containsExactly(first + i, name + " (VM " + i + ") running",
                    i % 2 == 0 ? "0.0667" : "0.0666", ten.plusSeconds(60L * (i / 7)), ten.plusSeconds(60L * (i / 7 + 1)),
                    i % 3 == 0 ? "null" : "0.050000", i % 3 == 0 ? "null" : "EUR", "null", "null", 0);
        }
        assertThat(ledger.balance(member).consumed()).isEqualTo(units("39.9900"));
    }

    @Test
    void spanDebitsUnderALockSkipWhatWasWrittenBeforeItAndServeOnlyItsOwnTransaction() {
        long resource = 1_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var ten = Instant.parse("2026-11-24T10:00:00Z");
        var first = span(resource, ten, "0.6667");
        var second = span(resource, ten.plusSeconds(60), "0.6666");
        var inTransaction = new TransactionTemplate(transactions);

        var firstLock = inTransaction.execute(status -> {
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource));
            assertThat(lock.lastStarts()).as("nothing written yet").isEmpty();
            assertThat(ledger.debitSpans(List.of(first), lock)).isOne();
            assertThat(ledger.debitSpans(List.of(first, second, second), lock))
                    .as("under the same lock, what it wrote is skipped, and a span given twice is written once").isOne();
            return lock;
        });
        inTransaction.executeWithoutResult(status -> {
            var lock = ledger.lockForSpans(Set.of(member), Set.of(resource));
            assertThat(lock.lastStarts()).as("read under the lock").containsEntry(resource, ten.plusSeconds(60));
            assertThat(ledger.debitSpans(List.of(first, second), lock)).as("a second run writes nothing").isZero();
        });
        assertThatThrownBy(() -> inTransaction.executeWithoutResult(status -> ledger.debitSpans(
                List.of(span(resource, ten.plusSeconds(120), "0.6667")), firstLock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only the transaction that took it");
        assertThatThrownBy(() -> inTransaction.executeWithoutResult(status -> ledger.debitSpans(
                List.of(new SpanDebit(group, resource, units("1"), null, ten.plusSeconds(180), ten.plusSeconds(240),
                        null, null, null, "elsewhere")), ledger.lockForSpans(Set.of(member), Set.of(resource)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not under the span lock");
        assertThat(ledger.balance(member).consumed()).isEqualTo(units("1.3333"));
        assertThat(ledger.balance(organization).consumed()).as("counted at every level").isEqualTo(units("1.3333"));
    }

    SpanDebit span(long resource, Instant start, String amount) {
        return new SpanDebit(member, resource, units(amount), null, start, start.plusSeconds(60), null, null, null,
                "VM running, span from " + start);
    }

    @Test
    void allocationsFlowDownAndEachParentRecordsWhatItHandedOut() {
        var group = ledger.balance(this.group);
        assertThat(group.allocated()).isEqualTo(units("1000"));
        assertThat(group.allocatedToChildren()).isEqualTo(units("100"));
        assertThat(group.unallocated()).isEqualTo(units("900"));
        assertThat(ledger.balance(admin).unallocated()).isEqualTo(units("1000"));
        assertThat(ledger.balance(organization).unallocated()).isEqualTo(units("8000"));
    }

    @Test
    void overAllocationIsRefusedNamingTheParentAndTheShortfallAndChangesNothing() {
        var before = ledger.balance(group);

        assertThatThrownBy(() -> ledger.allocate(group, units("1500"), "more please", null))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.level()).isEqualTo(AccountKind.GROUP_ADMIN);
                    assertThat(e.shortBy()).isEqualTo(units("500"));
                    assertThat(e.getMessage()).contains("'Dr. Lopez' has 1000.0000 units left to allocate")
                            .contains("short by 500.0000");
                });

        assertThat(ledger.balance(group)).isEqualTo(before);
    }

    @Test
    void anOvercommittedGroupMayPromiseMoreThanItHoldsButConsumptionStaysCapped() {
        long small = ledger.openAccount(AccountKind.GROUP, admin, "Overbooked", true);
        ledger.allocate(small, units("200"), "budget", null);
        List<Long> students = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long student = ledger.openAccount(AccountKind.MEMBERSHIP, small, "student " + i, false);
            ledger.allocate(student, units("100"), "default", null);
            students.add(student);
        }
        assertThat(ledger.balance(small).allocatedToChildren()).isEqualTo(units("300"));

        ledger.charge(students.get(0), units("100"), "VM", null);
        ledger.charge(students.get(1), units("100"), "VM", null);

        assertThatThrownBy(() -> ledger.charge(students.get(2), units("0.0001"), "VM", null))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.level()).isEqualTo(AccountKind.GROUP));
    }

    @Test
    void aMembersDebitCountsAtEveryLevelAtOnce() {
        ledger.charge(member, units("48"), "database, first 24 h", null);

        for (long level : new long[] {member, group, admin, organization}) {
            assertThat(ledger.balance(level).consumed()).isEqualTo(units("48"));
        }
        assertThat(ledger.balance(member).available()).isEqualTo(units("52"));
        assertThat(ledger.balance(group).available()).isEqualTo(units("952"));
    }

    @Test
    void aChargeBeyondTheMembersAllocationIsRefusedNamingTheMemberLevel() {
        assertThatThrownBy(() -> ledger.charge(member, units("100.0001"), "too much", null))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.level()).isEqualTo(AccountKind.MEMBERSHIP);
                    assertThat(e.getMessage()).contains("member allocation 'Ada' has 100.0000 units available");
                });
        assertThat(ledger.balance(member).consumed()).isEqualTo(ConsumptionUnits.ZERO);
    }

    @Test
    void holdsCountAtEveryLevelAndConvertOrReleaseAtomically() {
        long hold = ledger.hold(member, units("48"), "minimum span", null);
        for (long level : new long[] {member, group, admin, organization}) {
            assertThat(ledger.balance(level).held()).isEqualTo(units("48"));
        }
        assertThatThrownBy(() -> ledger.hold(member, units("60"), "second database", null))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("short by 8.0000");

        ledger.convertHold(hold, units("48"), "first span", null);
        assertThat(ledger.balance(member).held()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(ledger.balance(organization).consumed()).isEqualTo(units("48"));
        assertThatThrownBy(() -> ledger.convertHold(hold, units("48"), "again", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already released or converted");

        long second = ledger.hold(member, units("20"), "VM", null);
        ledger.releaseHold(second, "stopped before start");
        ledger.releaseHold(second, "released twice changes nothing");
        assertThat(ledger.balance(group).held()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(ledger.balance(member).available()).isEqualTo(units("52"));
    }

    @Test
    void aReductionNeverGoesBelowWhatIsConsumedPlusHeld() {
        ledger.charge(member, units("30"), "VM", null);
        ledger.hold(member, units("20"), "VM", null);

        assertThatThrownBy(() -> ledger.reduce(member, units("50.0001"), "cut", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 50.0000 units");
        ledger.reduce(member, units("50"), "cut", null);

        assertThat(ledger.balance(member).allocated()).isEqualTo(units("50"));
        assertThat(ledger.balance(group).unallocated()).isEqualTo(units("950"));
    }

    @Test
    void removingAMemberReturnsOnlyTheUnusedRemainder() {
        ledger.charge(member, units("30"), "VM", null);

        var returned = ledger.reclaimUnused(member, LineType.RECLAIM, "removed from the group");

        assertThat(returned).isEqualTo(units("70"));
        assertThat(ledger.balance(member).closed()).isTrue();
        assertThat(ledger.balance(group).allocatedToChildren()).isEqualTo(units("30"));
        assertThat(ledger.balance(group).consumed()).isEqualTo(units("30"));
        assertThatThrownBy(() -> ledger.charge(member, units("1"), "after removal", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is closed");
    }

    @Test
    void deletingAGroupReturnsItsUnusedBudgetSoRecreatingItCannotReuseBudget() {
        long second = ledger.openAccount(AccountKind.MEMBERSHIP, group, "Ben", false);
        ledger.allocate(second, units("100"), "default", null);
        ledger.charge(member, units("25"), "VM", null);

        var returned = ledger.reclaimUnused(group, LineType.RECLAIM, "group deleted");

        assertThat(returned).isEqualTo(units("975"));
        assertThat(ledger.balance(admin).unallocated()).isEqualTo(units("1975"));
        assertThat(ledger.balance(admin).consumed()).isEqualTo(units("25"));
        assertThat(ledger.balance(second).closed()).isTrue();
    }

    @Test
    void reclaimingIsRefusedWhileUnitsAreHeldForARunningResource() {
        ledger.hold(member, units("10"), "running VM", null);

        assertThatThrownBy(() -> ledger.reclaimUnused(group, LineType.RECLAIM, "group deleted"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stop them first");
    }

    @Test
    void correctionsAreNewLinesThatPointAtWhatTheyCorrect() {
        long debit = ledger.charge(member, units("40"), "VM, one hour", null);

        ledger.refund(debit, units("15"), "VM was down for part of the hour", null);
        assertThat(ledger.balance(member).consumed()).isEqualTo(units("25"));
        assertThat(ledger.balance(organization).consumed()).isEqualTo(units("25"));
        assertThatThrownBy(() -> ledger.refund(debit, units("25.0001"), "too generous", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("At most 25.0000 units");

        ledger.adjust(member, units("2.5"), debit, "storage left out of the first debit", null);
        assertThat(ledger.balance(group).consumed()).isEqualTo(units("27.5"));
        var lines = ledger.lines(member, java.util.Set.of(LineType.REFUND, LineType.ADJUSTMENT), null, null,
                org.springframework.data.domain.PageRequest.of(0, 10)).getContent();
        assertThat(lines).extracting(LedgerLineView::correctsLineId).containsOnly(debit);
    }

    @Test
    void aRepeatedChargeWithTheSameKeyIsWrittenOnce() {
        String key = "resource-7/span-" + UUID.randomUUID();
        long first = ledger.charge(member, units("0.6667"), "span", key);
        long repeat = ledger.charge(member, units("0.6667"), "span", key);

        assertThat(repeat).isEqualTo(first);
        assertThat(ledger.balance(member).consumed()).isEqualTo(units("0.6667"));
    }

    @Test
    void nonsenseIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ledger.charge(member, ConsumptionUnits.ZERO, "nothing", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> ledger.allocate(member, units("-5"), "negative", null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ledger.charge(Long.MAX_VALUE, units("1"), "nobody", null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void fiftyConcurrentAllocationsFromOneParentNeverExceedIt() throws Exception {
        long pool = ledger.openAccount(AccountKind.GROUP, admin, "Contended", false);
        ledger.allocate(pool, units("900"), "budget", null);
        List<Long> students = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            students.add(ledger.openAccount(AccountKind.MEMBERSHIP, pool, "s" + i, false));
        }

        int succeeded = concurrently(50, i -> () -> ledger.allocate(students.get(i), units("30"), "race", null));

        assertThat(succeeded).isEqualTo(30);
        assertThat(ledger.balance(pool).allocatedToChildren()).isEqualTo(units("900"));
    }

    @Test
    void a100ConcurrentChargesAndHoldsOnOneSmallBudgetNeverOverdrawAnyLevel() throws Exception {
        int succeeded = concurrently(100, i -> i % 2 == 0
                ? () -> ledger.charge(member, units("7"), "race", null)
                : () -> ledger.hold(member, units("5"), "race", null));

        var after = ledger.balance(member);
        assertThat(after.consumed().plus(after.held())).isLessThanOrEqualTo(units("100"));
        assertThat(after.available()).isGreaterThanOrEqualTo(ConsumptionUnits.ZERO);
        assertThat(succeeded).isGreaterThanOrEqualTo(14).isLessThan(100);
        assertThat(ledger.balance(group).consumed()).isEqualTo(after.consumed());
        assertThat(ledger.balance(organization).held()).isEqualTo(after.held());
    }

    interface Task {
        Callable<?> at(int index);
    }

    /** Starts {@code count} tasks at the same moment; answers how many succeeded. */
    private static int concurrently(int count, Task tasks) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(count)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                var task = tasks.at(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        task.call();
                        return true;
                    } catch (BudgetExceededException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (var result : results) {
                if (result.get(120, TimeUnit.SECONDS)) {
                    succeeded++;
                }
            }
            return succeeded;
        }
    }
}
