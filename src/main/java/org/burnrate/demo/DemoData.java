package org.burnrate.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.CurrencySettings;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds {@link DemoInstitution} into an empty database through the same secured services a
 * system admin uses. Runs before {@code FirstAdmin}, so the demo admin makes a generated one
 * unnecessary.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "portal.demo", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserService users;
    private final BudgetAdministration administration;
    private final GroupService groups;
    private final MembershipService members;
    private final Clock clock;
    private final CurrencySettings currency;

    DemoData(UserService users, BudgetAdministration administration, GroupService groups, MembershipService members,
            Clock clock, CurrencySettings currency) {
        this.currency = currency;
        this.users = users;
        this.administration = administration;
        this.groups = groups;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run(() -> {
            if (users.count() > 0) {
                return;
            }
            seedPeople();
            seedBudgets();
            // Allowed templates come with the catalog module, which extends this seeding.
            log.info("Seeded the demo institution: {} people. Sign in as {} with password '{}'.",
                    users.count(), DemoInstitution.ADMIN.email(), DemoInstitution.PASSWORD);
        });
    }

    private void seedPeople() {
        create(DemoInstitution.ADMIN, Set.of(GlobalRole.SYSTEM_ADMIN));
        create(DemoInstitution.LOPEZ, Set.of());
        create(DemoInstitution.TANAKA, Set.of());
        DemoInstitution.students().forEach(student -> create(student, Set.of()));
    }

    private void seedBudgets() {
        currency.set("EUR", DemoInstitution.UNIT_VALUE_EUR, null);
        administration.setPoolTotal(ConsumptionUnits.of(DemoInstitution.POOL));
        var term = LocalDate.now(clock);
        var lopez = administration.appoint(DemoInstitution.LOPEZ.email(), ConsumptionUnits.of(DemoInstitution.LOPEZ_BUDGET),
                term.withDayOfMonth(1), term.plusMonths(6));
        var tanaka = administration.appoint(DemoInstitution.TANAKA.email(),
                ConsumptionUnits.of(DemoInstitution.TANAKA_BUDGET), term.withDayOfMonth(1), term.plusMonths(6));
        for (var group : DemoInstitution.GROUPS) {
            long adminId = group.instructor() == DemoInstitution.LOPEZ ? lopez.id() : tanaka.id();
            var created = groups.create(adminId, new GroupDetails(group.name(), group.description(),
                    term.withDayOfMonth(1), term.plusMonths(4), ConsumptionUnits.of(group.defaultAllocation()),
                    group.overcommit()), ConsumptionUnits.of(group.budget()));
            for (var student : group.students()) {
                var role = student == DemoInstitution.TEACHING_ASSISTANT && group == DemoInstitution.GROUPS.getFirst()
                        ? MemberRole.MANAGER : MemberRole.MEMBER;
                members.add(created.id(), student.email(), null, role);
            }
        }
    }

    private void create(DemoInstitution.Person person, Set<GlobalRole> roles) {
        users.create(new NewUser(person.email(), person.displayName(), DemoInstitution.PASSWORD, roles, false));
    }
}
