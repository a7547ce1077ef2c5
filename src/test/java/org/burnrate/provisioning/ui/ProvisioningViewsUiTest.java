package org.burnrate.provisioning.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
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
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.organization.GlobalRole;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.support.SignIn;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

class ProvisioningViewsUiTest extends UiTest {

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

    String instructor;
    String student;
    GroupView group;
    MemberView membership;
    TemplateView vm;
    TemplateView database;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void aGroupOfferingAVmAndADatabase() {
        instructor = newPerson("instructor", Set.of());
        student = newPerson("student", Set.of());
        signInAs(newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("3000"), null, null);
        String tag = " " + UUID.randomUUID().toString().substring(0, 8);
        vm = template("Ubuntu VM" + tag, "40", Duration.ofMinutes(1));
        database = template("PostgreSQL" + tag, "2", Duration.ofHours(24));
        signInAs(instructor);
        group = groups.create(null, new GroupDetails("CS101" + tag, "", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 31), units("100"), false), units("1000"));
        membership = memberships.add(group.id(), student, null, MemberRole.MEMBER);
        catalog.allowTemplates(group.id(), List.of(vm.id(), database.id()));
        SignIn.out();
    }

    TemplateView template(String name, String unitsPerHour, Duration minimumSpan) {
        return catalog.create(new TemplateDraft(name, "For the lab.", TemplateKind.STANDALONE, null, Billing.TIME,
                "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units(unitsPerHour), Duration.ofHours(1), minimumSpan));
    }

    ProvisionDialog openProvisionDialog(TemplateView template) {
        UI.getCurrent().navigate(CatalogView.class, new RouteParameters(CatalogView.GROUP_ID, String.valueOf(group.id())));
        _click(_get(Button.class, spec -> spec.withId("provision-" + template.id())));
        return _get(ProvisionDialog.class);
    }

    @Test
    void aStudentReadsTheQuoteProvisionsAVmAndStopsIt() {
        signInAs(student);
        var dialog = openProvisionDialog(vm);

        assertThat(dialog.summary.getText()).isEqualTo("40.0000 units per hour, charged per started 1 min. "
                + "Starting holds the first span: 0.6667 units (0.03 EUR).");
        assertThat(_size(dialog.levels)).isEqualTo(4);
        assertThat(_getFormatted(dialog.levels, 0, "level")).isEqualTo("You");
        assertThat(_getFormatted(dialog.levels, 0, "available")).isEqualTo("100.0000 units (5.00 EUR)");
        assertThat(_getFormatted(dialog.levels, 0, "lastsFor")).isEqualTo("2 h 30 min");
        assertThat(_getFormatted(dialog.levels, 1, "level")).isEqualTo("Group");
        assertThat(dialog.refusal.isVisible()).isFalse();
        assertThat(dialog.confirm.isEnabled()).isTrue();

        dialog.name.setValue("lab machine");
        _click(dialog.confirm);

        expectNotifications("'lab machine' is running.");
        var view = _get(MyResourcesView.class);
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_getFormatted(view.grid, 0, "name")).isEqualTo("lab machine");
        assertThat(((RouterLink) _getCellComponent(view.grid, 0, "cost")).getText()).isEqualTo("0.6667 units (0.03 EUR)");

        _click(_get(_getCellComponent(view.grid, 0, "actions"), Button.class, spec -> spec.withText("Stop")));
        expectNotifications("'lab machine' is stopped.");
        assertThat(provisioning.myResources()).extracting(ResourceView::state).containsExactly(ResourceState.STOPPED);
        assertThat(_find(_getCellComponent(view.grid, 0, "actions"), Button.class, spec -> spec.withText("Start")))
                .hasSize(1);
    }

    @Test
    void aQuoteTheBudgetCannotCoverSaysWhichLevelAndByHowMuch() {
        signInAs(instructor);
        memberships.changeAllocation(membership.id(), units("40"));
        signInAs(student);
        var dialog = openProvisionDialog(database);

        assertThat(dialog.refusal.isVisible()).isTrue();
        assertThat(dialog.refusal.getText()).contains("member allocation").contains("short by 8.0000");
        assertThat(dialog.confirm.isEnabled()).isFalse();
        assertThat(_getFormatted(dialog.levels, 0, "lastsFor")).isEqualTo("not even one span");
    }

    @Test
    void deletingAResourceAsksFirst() {
        signInAs(student);
        provisioning.provision(group.id(), new ProvisioningService.ProvisionRequest(vm.id(), "scratch", null, null, false));
        UI.getCurrent().navigate(MyResourcesView.class);
        var view = _get(MyResourcesView.class);

        _click(_get(_getCellComponent(view.grid, 0, "actions"), Button.class, spec -> spec.withText("Delete")));
        var confirm = _get(ConfirmDialog.class);
        assertThat(provisioning.myResources()).hasSize(1);
        ConfirmDialogKt._fireConfirm(confirm);

        expectNotifications("'scratch' is deleted.");
        assertThat(provisioning.myResources()).isEmpty();
        assertThat(_size(view.grid)).isZero();
    }

    @Test
    void somebodyWithoutResourcesIsPointedToTheCatalog() {
        signInAs(student);
        UI.getCurrent().navigate(MyResourcesView.class);
        var view = _get(MyResourcesView.class);

        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.empty.getElement().getTextRecursively()).startsWith("You have no resources yet. Open the catalog");
        assertThat(view.grid.isVisible()).isFalse();
    }

    @Test
    void theGroupAdminChoosesTheTemplatesAndSeesTheMembersResources() {
        signInAs(student);
        provisioning.provision(group.id(), new ProvisioningService.ProvisionRequest(vm.id(), "student vm", null, null, false));
        signInAs(instructor);
        UI.getCurrent().navigate("groups/" + group.id() + "/resources");
        var view = _get(GroupResourcesView.class);

        assertThat(view.templatesSection.isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        CheckboxGroup<TemplateView> allowed = _get(CheckboxGroup.class);
        assertThat(allowed.getValue()).extracting(TemplateView::id).containsExactlyInAnyOrder(vm.id(), database.id());
        allowed.setValue(Set.copyOf(allowed.getValue().stream().filter(t -> t.id() == vm.id()).toList()));
        _click(view.saveAllowed);
        expectNotifications("The group offers 1 template.");
        assertThat(catalog.allowedTemplates(group.id())).extracting(TemplateView::id).containsExactly(vm.id());

        var grid = _get(ResourceGrid.class);
        assertThat(_size(grid)).isEqualTo(1);
        assertThat(_getFormatted(grid, 0, "owner")).isEqualTo("The student");

        signInAs(student);
        UI.getCurrent().navigate(CatalogView.class, new RouteParameters(CatalogView.GROUP_ID, String.valueOf(group.id())));
        assertThat(_find(Button.class, spec -> spec.withId("provision-" + database.id()))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("provision-" + vm.id()))).hasSize(1);
    }

    @Test
    void aMemberDoesNotSeeTheTemplateChoices() {
        signInAs(student);
        UI.getCurrent().navigate("groups/" + group.id() + "/resources");
        var view = _get(GroupResourcesView.class);
        assertThat(view.templatesSection.isVisible()).isFalse();
        assertThat(_find(Paragraph.class).stream().anyMatch(p -> p == view.notFound && p.isVisible())).isFalse();
    }
}
