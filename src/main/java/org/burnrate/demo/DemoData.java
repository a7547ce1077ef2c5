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
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;

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
    private final TemplateCatalog catalog;

    DemoData(UserService users, BudgetAdministration administration, GroupService groups, MembershipService members,
            Clock clock, CurrencySettings currency, TemplateCatalog catalog) {
        this.currency = currency;
        this.catalog = catalog;
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
            seedTemplates();
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

    private void seedTemplates() {
        var ids = new java.util.HashMap<String, Long>();
        var perHour = java.time.Duration.ofHours(1);
        for (var template : DemoInstitution.TEMPLATES) {
            var draft = new TemplateDraft(template.name(), template.description(), template.kind(),
                    template.parent() == null ? null : ids.get(template.parent()), template.billing(), "simulated",
                    java.util.Map.of(), template.maxPerMember(), true, ExhaustionPolicy.DEFAULT);
            var rate = new BurnRate(ConsumptionUnits.parse(template.unitsPerHour()), perHour, template.minimumSpan(),
                    ConsumptionUnits.parse(template.stoppedUnitsPerHour()), ConsumptionUnits.parse(template.unitsPerOperation()));
            ids.put(template.name(), catalog.create(draft, rate).id());
        }
        for (var group : groups.visibleGroups()) {
            var allowed = DemoInstitution.TEMPLATES.stream().filter(t -> t.groups().contains(group.name()))
                    .map(t -> ids.get(t.name())).toList();
            catalog.allowTemplates(group.id(), allowed);
        }
    }

    private void create(DemoInstitution.Person person, Set<GlobalRole> roles) {
        users.create(new NewUser(person.email(), person.displayName(), DemoInstitution.PASSWORD, roles, false));
    }
}
