package org.burnrate.provisioning.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.metering.MeteringService;
import org.burnrate.organization.GlobalRole;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.security.SystemActor;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;

/** The group admin's burn report: per member and per template, in units with money beside them. */
class GroupBurnViewUiTest extends UiTest {

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService memberships;
    @Autowired
    TemplateCatalog catalog;
    @Autowired
    CurrencySettings currency;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    MeteringService metering;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @Test
    void theAdminSeesEachMembersAndTemplatesBurnWithMoneyBesideUnits() {
        SystemActor.run(() -> metering.run("test setup"));
        String instructor = newPerson("instructor", Set.of());
        String student = newPerson("student", Set.of());
        signInAs(newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("3000"), null, null);
        String tag = " " + UUID.randomUUID().toString().substring(0, 8);
        TemplateView vm = catalog.create(new TemplateDraft("Ubuntu VM" + tag, "", TemplateKind.STANDALONE, null,
                Billing.TIME, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1)));
        signInAs(instructor);
        GroupView group = groups.create(null, new GroupDetails("CS101" + tag, "", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 31), units("100"), false), units("1000"));
        memberships.add(group.id(), student, null, MemberRole.MEMBER);
        catalog.allowTemplates(group.id(), List.of(vm.id()));

        signInAs(student);
        var machine = provisioning.provision(group.id(), new ProvisionRequest(vm.id(), "lab machine", null, null, false));
        clock.advance(Duration.ofMinutes(30));
        provisioning.stop(machine.id());
        SystemActor.call(() -> metering.run("test"));

        signInAs(instructor);
        UI.getCurrent().navigate("groups/" + group.id() + "/resources");
        assertThat(_get(com.vaadin.flow.router.RouterLink.class, spec -> spec.withId("group-burn-link")).getHref())
                .isEqualTo("groups/" + group.id() + "/burn");
        UI.getCurrent().navigate("groups/" + group.id() + "/burn");
        var view = _get(GroupBurnView.class);
        assertThat(view.notFound.isVisible()).isFalse();
        assertThat(_size(view.byMember)).isEqualTo(1);
        assertThat(_getFormatted(view.byMember, 0, "label")).isEqualTo("The student");
        assertThat(_getFormatted(view.byMember, 0, "total")).isEqualTo("20.0000 units (1.00 EUR)");
        String today = LocalDate.now(clock).toString();
        assertThat(_getFormatted(view.byMember, 0, today)).isEqualTo("20.0000");
        assertThat(_getFormatted(view.byMember, 0, LocalDate.now(clock).minusDays(1).toString())).isEqualTo("–");
        assertThat(_size(view.byTemplate)).isEqualTo(1);
        assertThat(_getFormatted(view.byTemplate, 0, "label")).isEqualTo(vm.name());
        assertThat(_getFormatted(view.byTemplate, 0, "total")).isEqualTo("20.0000 units (1.00 EUR)");

        // A member is told the report does not exist for them.
        signInAs(student);
        UI.getCurrent().navigate("groups/" + group.id() + "/burn");
        assertThat(_get(GroupBurnView.class).notFound.isVisible()).isTrue();
    }
}
