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

/** The owner of a hosting plan sees its showback to the apps on the plan's costs page; a member does not. */
class ShowbackViewUiTest extends UiTest {

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

    TemplateView template(String name, TemplateKind kind, Long parent, String unitsPerHour) {
        return catalog.create(new TemplateDraft(name, "", kind, parent, Billing.TIME, "simulated", Map.of(), null, true,
                ExhaustionPolicy.DEFAULT), BurnRate.running(units(unitsPerHour), Duration.ofHours(1), Duration.ofMinutes(1)));
    }

    @Test
    void theInstructorSeesThePlansBurnApportionedToTheStudentsApp() {
        SystemActor.run(() -> metering.run("test setup"));
        String instructor = newPerson("instructor", Set.of());
        String student = newPerson("student", Set.of());
        signInAs(newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("3000"), null, null);
        String tag = " " + UUID.randomUUID().toString().substring(0, 8);
        var plan = template("Hosting plan" + tag, TemplateKind.CONTAINER, null, "60");
        var webApp = template("Web app" + tag, TemplateKind.CHILD, plan.id(), "0");
        signInAs(instructor);
        var group = groups.create(null, new GroupDetails("CS240" + tag, "", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 31), units("100"), false), units("1000"));
        memberships.add(group.id(), student, null, MemberRole.MEMBER);
        catalog.allowTemplates(group.id(), List.of(plan.id(), webApp.id()));
        var hosting = provisioning.provision(group.id(), new ProvisionRequest(plan.id(), "CS240 plan", null, null, true));
        signInAs(student);
        provisioning.provision(group.id(), new ProvisionRequest(webApp.id(), "student site", null, hosting.id(), false));
        clock.advance(Duration.ofMinutes(2));
        SystemActor.call(() -> metering.run("test"));

        signInAs(instructor);
        UI.getCurrent().navigate("resources/" + hosting.id() + "/costs");
        var view = _get(ResourceCostsView.class);
        assertThat(view.showbackGrid.isVisible()).isTrue();
        assertThat(_size(view.showbackGrid)).isEqualTo(1);
        assertThat(_getFormatted(view.showbackGrid, 0, "app")).isEqualTo("student site");
        assertThat(_getFormatted(view.showbackGrid, 0, "owner")).isEqualTo("The student");
        assertThat(_getFormatted(view.showbackGrid, 0, "share")).isEqualTo("2.0000 units (0.10 EUR)");

        signInAs(student);
        UI.getCurrent().navigate("resources/" + hosting.id() + "/costs");
        assertThat(_get(ResourceCostsView.class).showbackGrid.isVisible()).isFalse();
    }
}
