package org.burnrate.budget.ui;

import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.ui.Confirmation;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.BudgetSummary;
import org.burnrate.budget.GroupAdminView;
import org.burnrate.budget.GroupService;
import org.burnrate.security.Roles;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * System admins fund the budget hierarchy: the organization pool, and the group admins (instructors)
 * who receive a budget from it to fund their groups.
 */
@Route("admin/budgets")
@PageTitle("Budgets · Burnrate")
@Menu(title = "Budgets", order = 80, icon = "vaadin:wallet")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class GroupAdminsView extends Div {

    private final BudgetAdministration administration;
    private final GroupService groups;

    final BudgetBar poolBar = new BudgetBar("group admins");
    final TextField poolTotal = new TextField("Pool total");
    final Button savePoolTotal = new Button("Save");
    final Grid<GroupAdminView> grid = new Grid<>();

    private final java.util.Optional<org.burnrate.catalog.UnitValue> unitValue;

    GroupAdminsView(BudgetAdministration administration, GroupService groups,
            org.burnrate.catalog.CurrencySettings currency) {
        this.unitValue = currency.current();
        poolBar.money(unitValue);
        this.administration = administration;
        this.groups = groups;
        addClassName("portal-view");
        add(poolSection(), groupAdminSection());
        refresh();
    }

    private Component poolSection() {
        poolTotal.setHelperText("Everything group admins can receive. Leave empty for unlimited.");
        poolTotal.setPlaceholder("unlimited");
        poolTotal.setSuffixComponent(new Span("units"));
        poolTotal.setClearButtonVisible(true);
        poolTotal.setWidth("18em");
        savePoolTotal.addClickListener(click -> savePoolTotal());
        var form = new HorizontalLayout(poolTotal, savePoolTotal);
        form.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        var section = new Div(new H3("Organization pool"), poolBar, form);
        section.addClassName("portal-section");
        return section;
    }

    private void savePoolTotal() {
        poolTotal.setInvalid(false);
        try {
            String text = poolTotal.getValue().strip();
            var total = text.isEmpty() ? null : ConsumptionUnits.parse(text);
            administration.setPoolTotal(total);
            refresh();
            Feedback.success(total == null ? "The organization pool is now unlimited."
                    : "The organization pool total is now " + total + " units.");
        } catch (InvalidInputException e) {
            poolTotal.setErrorMessage(e.getMessage());
            poolTotal.setInvalid(true);
        }
    }

    private Component groupAdminSection() {
        var appoint = new Button("Appoint group admin", VaadinIcon.PLUS.create(), click -> openAppointDialog());
        appoint.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        appoint.setId("appoint-group-admin");
        var toolbar = new HorizontalLayout(new H3("Group admins"), appoint);
        toolbar.addClassName("portal-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        // Names and addresses wrap rather than push the budgets' bars and the actions out of sight at 1280 px.
        grid.addColumn(GroupAdminView::displayName).setHeader("Name").setWidth("8em").setFlexGrow(1);
        grid.addColumn(GroupAdminView::email).setHeader("Email").setWidth("10em").setFlexGrow(1)
                .setTooltipGenerator(GroupAdminView::email);
        grid.addColumn(admin -> BudgetTexts.period(admin.periodStart(), admin.periodEnd())).setHeader("Period")
                .setAutoWidth(true);
        grid.addColumn(admin -> admin.budget().allocated()).setKey("budget").setHeader("Budget")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addComponentColumn(admin -> new BudgetBar("groups").money(unitValue).withFigures(admin.budget())).setKey("usage")
                .setHeader("Given to groups and used").setFlexGrow(2).setWidth("16em");
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("group-admins");
        grid.setEmptyStateText("No group admins yet. Set the pool total above if your institution has one, then "
                + "appoint an instructor with 'Appoint group admin': they can then create groups from their budget.");
        grid.setAllRowsVisible(true);

        var section = new Div(toolbar, new Paragraph("Each group admin receives a budget from the pool and "
                + "hands it on to their groups."), grid);
        section.addClassName("portal-section");
        section.addClassName("portal-section-wide");
        return section;
    }

    private Component actions(GroupAdminView admin) {
        var change = new Button("Change budget", click -> openChangeDialog(admin));
        change.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var remove = new Button("Remove", click -> confirmRemove(admin));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        var layout = new HorizontalLayout(change, remove);
        layout.setSpacing(false);
        return layout;
    }

    private void openAppointDialog() {
        GroupAdminDialog.appoint(appointment -> {
            var appointed = administration.appoint(appointment.email(), appointment.budget(),
                    appointment.periodStart(), appointment.periodEnd());
            refresh();
            Feedback.success(appointed.displayName() + " is now a group admin with " + appointed.budget().allocated()
                    + " units.");
        }).open();
    }

    private void openChangeDialog(GroupAdminView admin) {
        GroupAdminDialog.change(admin, change -> {
            var changed = administration.changeBudget(admin.id(), change.budget(), change.periodStart(),
                    change.periodEnd());
            refresh();
            Feedback.success(changed.displayName() + "'s budget is now " + changed.budget().allocated() + " units.");
        }).open();
    }

    private void confirmRemove(GroupAdminView admin) {
        var budget = admin.budget();
        var unused = budget.allocated().minus(budget.consumed()).max(ConsumptionUnits.ZERO);
        var theirGroups = groups.visibleGroups().stream().filter(group -> group.adminBudgetId() == admin.id())
                .map(group -> "'" + group.name() + "'").collect(Collectors.joining(", "));
        var text = new StringBuilder("The unused remainder of their budget, ").append(unused).append(" units (")
                .append(budget.allocated()).append(" allocated − ").append(budget.consumed())
                .append(" consumed), returns to the organization pool. ");
        text.append(theirGroups.isEmpty() ? "They have no groups."
                : "Their groups close and their members lose their allocations: " + theirGroups + ".");
        text.append(" What was consumed stays consumed. They lose the group-admin role.");
        if (budget.held().isPositive()) {
            text.append(" Their groups hold ").append(budget.held())
                    .append(" units for running resources; those must be stopped before they can be removed.");
        }
        Confirmation.openDestructive("Remove " + admin.displayName() + " as group admin?",
                text.toString(),
                "Remove", () -> {
            try {
                var returned = administration.remove(admin.id());
                Feedback.success(admin.displayName() + " is no longer a group admin; " + returned
                        + " units returned to the pool.");
            } catch (InvalidInputException e) {
                Feedback.error(e.getMessage());
            }
            refresh();
        });
    }

    private void refresh() {
        BudgetSummary pool = administration.pool();
        poolBar.show(pool);
        poolTotal.setValue(pool.available() == null ? "" : UnitsConverter.plain(pool.allocated()));
        poolTotal.setInvalid(false);
        grid.setItems(administration.groupAdmins());
    }
}
