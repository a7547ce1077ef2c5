package org.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.burnrate.audit.AuditEntryView;
import org.burnrate.audit.AuditTrail;
import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.BudgetExceededException;
import org.burnrate.ledger.Ledger;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Budget rules and scopes through the application services; run on H2 and PostgreSQL by the subclasses. */
abstract class BudgetTests {

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService members;
    @Autowired
    UserService users;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    Ledger ledger;
    @Autowired
    RosterImport roster;
    @Autowired
    AuditTrail audit;

    String sysadmin;
    String lopez;
    String tanaka;
    String assistant;
    String ada;
    String ben;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    static GroupDetails details(String name, String defaultAllocation, boolean overcommit) {
        return new GroupDetails(name, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units(defaultAllocation), overcommit);
    }

    @BeforeEach
    void people() {
        sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        lopez = person("lopez", Set.of());
        tanaka = person("tanaka", Set.of());
        assistant = person("ta", Set.of());
        ada = person("ada", Set.of());
        ben = person("ben", Set.of());
        SignIn.as(directory, sysadmin);
        administration.appoint(lopez, units("2000"), null, null);
        administration.appoint(tanaka, units("1000"), null, null);
    }

    @AfterEach
    void consistent() {
        assertThat(ledger.verifyBalances()).isEmpty();
        SignIn.out();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@budget.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    @Test
    void appointingAGroupAdminGrantsTheRoleAndFundsTheirBudgetFromThePool() {
        var appointed = administration.groupAdmins().stream().filter(a -> a.email().equals(lopez)).findFirst()
                .orElseThrow();

        assertThat(appointed.budget().allocated()).isEqualTo(units("2000"));
        assertThat(users.findByEmail(lopez).orElseThrow().roles()).contains(GlobalRole.GROUP_ADMIN);
        assertThatThrownBy(() -> administration.appoint(lopez, units("5"), null, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already a group admin");
        assertThatThrownBy(() -> administration.appoint("nobody@nowhere.test", units("5"), null, null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Create them under Users first");
    }

    @Test
    void aGroupIsFundedFromItsAdminsBudgetAndCannotTakeMoreThanIsLeft() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("CS101", "100", false), units("1500"));

        assertThat(group.budget().allocated()).isEqualTo(units("1500"));
        assertThat(administrationBudgetOf(lopez).budget().unallocated()).isEqualTo(units("500"));
        assertThatThrownBy(() -> groups.create(null, details("CS240", "100", false), units("600")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.level()).isEqualTo(AccountKind.GROUP_ADMIN));
        assertThat(groups.visibleGroups()).extracting(GroupView::name).containsExactly("CS101");
    }

    @Test
    void membersGetTheDefaultAllocationAndANewDefaultDoesNotTouchThem() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("CS101", "100", false), units("1000"));
        var first = members.add(group.id(), ada, null, MemberRole.MEMBER);

        groups.update(group.id(), details("CS101", "150", false));
        var second = members.add(group.id(), ben, null, MemberRole.MEMBER);

        assertThat(members.get(first.id()).budget().allocated()).isEqualTo(units("100"));
        assertThat(second.budget().allocated()).isEqualTo(units("150"));
        assertThat(groups.get(group.id()).budget().allocatedToChildren()).isEqualTo(units("250"));
    }

    @Test
    void overAllocationToMembersIsRefusedUnlessTheGroupIsOvercommitted() {
        SignIn.as(directory, lopez);
        var strict = groups.create(null, details("Strict", "100", false), units("150"));
        members.add(strict.id(), ada, null, MemberRole.MEMBER);
        assertThatThrownBy(() -> members.add(strict.id(), ben, null, MemberRole.MEMBER))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.level()).isEqualTo(AccountKind.GROUP);
                    assertThat(e.getMessage()).contains("short by 50.0000");
                });

        var loose = groups.create(null, details("Overbooked", "100", true), units("150"));
        members.add(loose.id(), ada, null, MemberRole.MEMBER);
        var over = members.add(loose.id(), ben, null, MemberRole.MEMBER);
        assertThat(over.budget().allocated()).isEqualTo(units("100"));
        assertThat(groups.get(loose.id()).budget().allocatedToChildren()).isEqualTo(units("200"));
        assertThatThrownBy(() -> groups.update(loose.id(), details("Overbooked", "100", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before turning overcommit off");
    }

    @Test
    void anAllocationIsNeverReducedBelowWhatIsConsumedAndRemovalReturnsOnlyTheRest() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("CS101", "100", false), units("1000"));
        var membership = members.add(group.id(), ada, null, MemberRole.MEMBER);
        ledger.charge(membership.budget().accountId(), units("30"), "VM", null);

        assertThatThrownBy(() -> members.changeAllocation(membership.id(), units("29.9999")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 70.0000");
        members.changeAllocation(membership.id(), units("40"));
        var returned = members.remove(membership.id());

        assertThat(returned).isEqualTo(units("10"));
        assertThat(groups.get(group.id()).budget().unallocated()).isEqualTo(units("970"));
        assertThat(groups.get(group.id()).budget().consumed()).isEqualTo(units("30"));
    }

    @Test
    void deletingAGroupOrRemovingItsAdminReturnsTheUnusedRemainderUpwards() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("CS101", "100", false), units("1000"));
        var membership = members.add(group.id(), ada, null, MemberRole.MEMBER);
        ledger.charge(membership.budget().accountId(), units("25"), "VM", null);
        var second = groups.create(null, details("CS240", "100", false), units("500"));

        assertThat(groups.delete(second.id())).isEqualTo(units("500"));
        assertThatThrownBy(() -> groups.get(second.id())).isInstanceOf(NotFoundException.class);

        SignIn.as(directory, sysadmin);
        long adminId = administrationBudgetOf(lopez).id();
        var returned = administration.remove(adminId);

        assertThat(returned).isEqualTo(units("1975"));
        assertThat(users.findByEmail(lopez).orElseThrow().roles()).doesNotContain(GlobalRole.GROUP_ADMIN);
        assertThat(administration.groupAdmins()).extracting(GroupAdminView::email).doesNotContain(lopez);
    }

    @Test
    void aGroupAdminCannotSeeOrChangeAnotherAdminsGroups() {
        SignIn.as(directory, lopez);
        var mine = groups.create(null, details("CS101", "100", false), units("100"));

        SignIn.as(directory, tanaka);
        assertThatThrownBy(() -> groups.get(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> groups.update(mine.id(), details("Taken over", "1", false)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> groups.changeBudget(mine.id(), units("1"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.add(mine.id(), ada, null, MemberRole.MEMBER))
                .isInstanceOf(NotFoundException.class);
        assertThat(groups.visibleGroups()).extracting(GroupView::id).doesNotContain(mine.id());
    }

    @Test
    void aManagerManagesMembersOfTheirGroupOnly() {
        SignIn.as(directory, lopez);
        var cs101 = groups.create(null, details("CS101", "50", false), units("500"));
        var cs240 = groups.create(null, details("CS240", "50", false), units("500"));
        members.add(cs101.id(), assistant, units("0"), MemberRole.MANAGER);
        var adaIn240 = members.add(cs240.id(), ada, null, MemberRole.MEMBER);

        SignIn.as(directory, assistant);
        var added = members.add(cs101.id(), ben, null, MemberRole.MEMBER);
        members.changeAllocation(added.id(), units("60"));
        assertThat(members.members(cs101.id(), PageRequest.of(0, 10)).getTotalElements()).isEqualTo(2);
        assertThatThrownBy(() -> groups.update(cs101.id(), details("Renamed", "50", false)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> members.add(cs240.id(), ben, null, MemberRole.MEMBER))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.changeAllocation(adaIn240.id(), units("1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMemberSeesOnlyTheirOwnBudgetAndCannotChangeIt() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("CS101", "100", false), units("500"));
        var adaMembership = members.add(group.id(), ada, null, MemberRole.MEMBER);
        members.add(group.id(), ben, null, MemberRole.MEMBER);

        SignIn.as(directory, ada);
        assertThat(members.myMemberships()).extracting(MemberView::id).containsExactly(adaMembership.id());
        assertThat(groups.get(group.id()).name()).isEqualTo("CS101");
        assertThatThrownBy(() -> members.members(group.id(), PageRequest.of(0, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> members.changeAllocation(adaMembership.id(), units("1000")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> groups.create(null, details("Mine", "1", false), units("1")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void badInputIsRefusedWithASpecificMessageAndChangesNothing() {
        SignIn.as(directory, lopez);
        assertThatThrownBy(() -> details(" ", "1", false)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new GroupDetails("X", "", LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1),
                units("1"), false)).hasMessageContaining("before the start date");
        assertThatThrownBy(() -> groups.create(null, details("X", "1", false), units("-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be negative");
        var group = groups.create(null, details("CS101", "100", false), units("500"));
        assertThatThrownBy(() -> members.add(group.id(), "ghost@budget.test", null, MemberRole.MEMBER))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("import a roster");
        assertThatThrownBy(() -> groups.get(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);

        assertThat(groups.get(group.id()).budget().allocatedToChildren()).isEqualTo(ConsumptionUnits.ZERO);
    }

    @Test
    void everyBudgetChangeIsInTheAuditLogWithWhoAndFromWhatToWhat() {
        SignIn.as(directory, lopez);
        String name = "Audited " + UUID.randomUUID();
        var group = groups.create(null, details(name, "100", false), units("300"));
        groups.changeBudget(group.id(), units("350"));

        SignIn.as(directory, sysadmin);
        var entries = audit.search(name, PageRequest.of(0, 10, org.springframework.data.domain.Sort.by("id"))).getContent();

        assertThat(entries).extracting(AuditEntryView::action).containsExactly("Group created", "Group budget changed");
        var change = entries.get(1);
        assertThat(change.actor()).isEqualTo(lopez);
        assertThat(change.before()).isEqualTo("300.0000");
        assertThat(change.after()).isEqualTo("350.0000");
        SignIn.as(directory, lopez);
        assertThatThrownBy(() -> audit.search("", PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aRosterImportAddsEachPersonOnceAndReportsEveryRow() {
        SignIn.as(directory, lopez);
        var group = groups.create(null, details("Imported", "100", false), units("400"));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                email,displayName,allocation
                new1-%1$s@budget.test,New One,
                new2-%1$s@budget.test,New Two,50.5
                %2$s,,
                not-an-email,Broken,10
                new3-%1$s@budget.test,Too Precise,1.00001
                NEW1-%1$s@budget.test,Duplicate,
                new4-%1$s@budget.test,Too Much,500
                """.formatted(tag, ada);
        List<RosterImport.Progress> progress = new ArrayList<>();

        var report = roster.importRoster(group.id(), csv, progress::add);

        assertThat(report.rows()).extracting(RosterImport.RowResult::outcome).containsExactly(
                RosterImport.Outcome.ADDED, RosterImport.Outcome.ADDED, RosterImport.Outcome.ADDED,
                RosterImport.Outcome.FAILED, RosterImport.Outcome.FAILED, RosterImport.Outcome.SKIPPED,
                RosterImport.Outcome.FAILED);
        assertThat(report.rows().get(3).message()).contains("not an email address");
        assertThat(report.rows().get(4).message()).contains("more than 4 decimal places");
        assertThat(report.rows().get(6).message()).contains("short by");
        assertThat(progress).last().isEqualTo(new RosterImport.Progress(7, 7));
        assertThat(groups.get(group.id()).budget().allocatedToChildren()).isEqualTo(units("250.5"));

        var again = roster.importRoster(group.id(), csv, null);
        assertThat(again.count(RosterImport.Outcome.ADDED)).isZero();
        assertThat(groups.get(group.id()).budget().allocatedToChildren()).isEqualTo(units("250.5"));
        assertThatThrownBy(() -> roster.importRoster(group.id(), "\n\n", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no rows");
    }

    /** A group admin's budget as the system admin sees it, leaving the caller signed in as before. */
    private GroupAdminView administrationBudgetOf(String email) {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        SignIn.as(directory, sysadmin);
        try {
            return administration.groupAdmins().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow();
        } finally {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(caller);
            SecurityContextHolder.setContext(context);
        }
    }
}
