package org.burnrate.provisioning.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.RouterLinkKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouterLink;

class ResourceCostsViewUiTest extends UiTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

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

    String student;
    String classmate;
    GroupView group;
    TemplateView vm;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void twoStudentsInAGroupOfferingAVm() {
        // Whatever earlier tests left running is charged up to this moment, so that it is not in the way.
        SystemActor.run(() -> metering.run("test setup"));
        String instructor = newPerson("instructor", Set.of());
        student = newPerson("student", Set.of());
        classmate = newPerson("classmate", Set.of());
        signInAs(newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("3000"), null, null);
        String tag = " " + UUID.randomUUID().toString().substring(0, 8);
        vm = catalog.create(new TemplateDraft("Ubuntu VM" + tag, "For the lab.", TemplateKind.STANDALONE, null,
                Billing.TIME, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1)));
        signInAs(instructor);
        group = groups.create(null, new GroupDetails("CS101" + tag, "", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 31), units("100"), false), units("1000"));
        memberships.add(group.id(), student, null, MemberRole.MEMBER);
        memberships.add(group.id(), classmate, null, MemberRole.MEMBER);
        catalog.allowTemplates(group.id(), List.of(vm.id()));
        SignIn.out();
    }

    ResourceView provisionVm(String name) {
        return provisioning.provision(group.id(), new ProvisionRequest(vm.id(), name, null, null, false));
    }

    ResourceCostsView open(long resourceId) {
        UI.getCurrent().navigate("resources/" + resourceId + "/costs");
        return _get(ResourceCostsView.class);
    }

    @Test
    void aStudentSeesTheDebitOfEachSpanWithItsMoneyAndSpanAfterTheJobRan() {
        signInAs(student);
        var created = provisionVm("lab machine");
        clock.advance(Duration.ofSeconds(90));
        provisioning.stop(created.id());
        SystemActor.run(() -> metering.run("test"));

        var view = open(created.id());

        assertThat(view.notFound.isVisible()).isFalse();
        assertThat(view.heading.getText()).isEqualTo("lab machine");
        assertThat(view.state.getText()).isEqualTo("Stopped");
        assertThat(view.costSoFar.getText()).isEqualTo("Cost so far 1.3333 units (0.07 EUR)");
        assertThat(view.getPageTitle()).isEqualTo("lab machine: costs · Burnrate");

        // Newest first: the second span's debit, the first span's, the start's hold released into it, the hold.
        assertThat(_size(view.grid)).isEqualTo(4);
        var start = TestClock.START;
        assertThat(_getFormatted(view.grid, 0, "type")).isEqualTo("Debit");
        assertThat(_getFormatted(view.grid, 0, "amount")).isEqualTo("0.6666 units (0.03 EUR)");
        assertThat(_getFormatted(view.grid, 0, "span"))
                .isEqualTo(TIME.format(start.plusSeconds(60)) + "–" + TIME.format(start.plusSeconds(120)));
        assertThat(_getFormatted(view.grid, 0, "rateVersion")).isEqualTo(String.valueOf(vm.currentRate().id()));
        assertThat(_getFormatted(view.grid, 1, "type")).isEqualTo("Debit");
        assertThat(_getFormatted(view.grid, 1, "amount")).isEqualTo("0.6667 units (0.03 EUR)");
        assertThat(_getFormatted(view.grid, 1, "span"))
                .isEqualTo(TIME.format(start) + "–" + TIME.format(start.plusSeconds(60)));
        assertThat(_getFormatted(view.grid, 2, "type")).isEqualTo("Release");
        assertThat(_getFormatted(view.grid, 2, "amount")).isEqualTo("0.6667 units (0.03 EUR)");
        assertThat(_getFormatted(view.grid, 2, "span")).isEmpty();
        assertThat(_getFormatted(view.grid, 2, "rateVersion")).isEmpty();
        assertThat(_getFormatted(view.grid, 3, "type")).isEqualTo("Hold");
        assertThat(_getFormatted(view.grid, 3, "amount")).isEqualTo("0.6667 units (0.03 EUR)");
    }

    @Test
    void beforeTheJobRunsTheStudentSeesTheHoldAndWhatIsOwed() {
        signInAs(student);
        var created = provisionVm("fresh");

        var view = open(created.id());

        assertThat(view.heading.getText()).isEqualTo("fresh");
        assertThat(view.costSoFar.getText()).as("owed, not charged yet").isEqualTo("Cost so far 0.6667 units (0.03 EUR)");
        assertThat(_size(view.grid)).as("only the hold placed at the start").isOne();
        assertThat(_getFormatted(view.grid, 0, "type")).isEqualTo("Hold");
        assertThat(_getFormatted(view.grid, 0, "amount")).isEqualTo("0.6667 units (0.03 EUR)");
    }

    @Test
    void myResourcesLinksEachResourcesCostSoFarToItsLines() {
        signInAs(student);
        var created = provisionVm("linked");
        UI.getCurrent().navigate(MyResourcesView.class);
        var grid = _get(MyResourcesView.class).grid;

        var cost = (RouterLink) _getCellComponent(grid, 0, "cost");
        assertThat(cost.getText()).isEqualTo("0.6667 units (0.03 EUR)");
        RouterLinkKt._click(cost);

        assertThat(_get(ResourceCostsView.class).heading.getText()).isEqualTo("linked");
    }

    @Test
    void anotherMembersResourceOrABadIdIsNotFound() {
        signInAs(student);
        var created = provisionVm("mine");
        SystemActor.run(() -> metering.run("test"));

        signInAs(classmate);
        var view = open(created.id());

        assertThat(view.notFound.isVisible()).isTrue();
        assertThat(view.notFound.getElement().getTextRecursively())
                .isEqualTo("This resource does not exist, or it is not one of yours. Back to My resources");
        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.heading.isVisible()).isFalse();
        assertThat(view.getPageTitle()).isEqualTo("Resource not found · Burnrate");

        assertThat(open(Long.MAX_VALUE).notFound.isVisible()).isTrue();
        UI.getCurrent().navigate("resources/not-a-number/costs");
        assertThat(_get(ResourceCostsView.class).notFound.isVisible()).isTrue();
    }
}
