package org.burnrate.budget.ui;

import java.util.List;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.base.ui.Confirmation;
import org.burnrate.budget.BudgetScopes;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.budget.RosterImport;
import org.springframework.core.task.AsyncTaskExecutor;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;

/**
 * One group: its budget, its details and its members. Anyone may open the page; what it shows is
 * what the services let the caller see (a group that is not theirs is "not found"), and the actions
 * offered follow the same scope rules the services apply.
 */
@Route("groups/:" + GroupDetailView.GROUP_ID)
@PermitAll
public class GroupDetailView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String GROUP_ID = "groupId";

    private final GroupService groups;
    private final MembershipService memberships;
    private final BudgetScopes scopes;
    private final CurrentUser currentUser;
    private final RosterImport rosterImport;
    private final AsyncTaskExecutor executor;
    private long groupId;
    private @Nullable GroupView group;
    private boolean membersLoaded;
    private final java.util.Optional<org.burnrate.catalog.UnitValue> unitValue;

    final Paragraph facts = new Paragraph();
    final Paragraph description = new Paragraph();
    final BudgetBar bar = new BudgetBar("members");
    final Button edit = new Button("Edit group", VaadinIcon.EDIT.create(), click -> openEditDialog());
    final Button changeBudget = new Button("Change budget", click -> openBudgetDialog());
    final Button delete = new Button("Delete group", click -> confirmDelete());
    final Button addMember = new Button("Add member", VaadinIcon.PLUS.create(), click -> openAddMemberDialog());
    final Button importRoster = new Button("Import roster", VaadinIcon.UPLOAD.create(), click -> openImportDialog());
    final Grid<MemberView> grid = new Grid<>();
    final Div membersSection = new Div();
    final Paragraph notFound = new Paragraph();
    final Div ledgerLink = new Div();
    private final Div content = new Div();

    GroupDetailView(GroupService groups, MembershipService memberships, BudgetScopes scopes, CurrentUser currentUser,
            RosterImport rosterImport, AsyncTaskExecutor executor, org.burnrate.catalog.CurrencySettings currency) {
        this.unitValue = currency.current();
        bar.money(unitValue);
        this.rosterImport = rosterImport;
        this.executor = executor;
        this.groups = groups;
        this.memberships = memberships;
        this.scopes = scopes;
        this.currentUser = currentUser;
        addClassName("portal-view");

        facts.addClassName("portal-facts");
        description.addClassName("portal-description");
        edit.setId("edit-group");
        changeBudget.setId("change-group-budget");
        delete.setId("delete-group");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var groupActions = new HorizontalLayout(edit, changeBudget, delete);
        groupActions.addClassName("portal-toolbar");
        var header = new Div(facts, description, bar, ledgerLink, groupActions);
        header.addClassName("portal-section");

        addMember.setId("add-member");
        addMember.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importRoster.setId("import-roster");
        var membersToolbar = new HorizontalLayout(new H3("Members"), addMember, importRoster);
        membersToolbar.addClassName("portal-toolbar");
        membersToolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        configureGrid();
        membersSection.add(membersToolbar, grid);
        membersSection.addClassNames("portal-section", "portal-section-wide");

        content.add(header, membersSection);
        notFound.addClassName("portal-empty");
        add(notFound, content);
    }

    private void openImportDialog() {
        new RosterImportDialog(groupId, rosterImport, executor, () -> changed("The roster was imported.")).open();
    }

    private void configureGrid() {
        // Names and addresses wrap rather than push the figures and the action out of sight at 1280 px.
        grid.addColumn(MemberView::displayName).setHeader("Name").setWidth("9em").setFlexGrow(1);
        grid.addColumn(MemberView::email).setHeader("Email").setWidth("11em").setFlexGrow(1)
                .setTooltipGenerator(MemberView::email);
        grid.addColumn(member -> BudgetTexts.role(member.role())).setKey("role").setHeader("Role").setAutoWidth(true);
        grid.addColumn(member -> member.budget().allocated()).setKey("allocation").setHeader("Allocation")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(member -> member.budget().consumed()).setKey("consumed").setHeader("Consumed")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(member -> member.budget().held()).setKey("held").setHeader("Held")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        // What is left is what people ask about in money; the other columns stay compact.
        grid.addColumn(member -> member.budget().available() == null ? "unlimited"
                : org.burnrate.catalog.ui.MoneyText.of(member.budget().available(), unitValue))
                .setKey("available").setHeader("Available")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addComponentColumn(this::memberActions).setKey("actions").setHeader("").setAutoWidth(true)
                .setFlexGrow(0).setFrozenToEnd(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("group-members");
        grid.setEmptyStateText("No members yet. Add people with 'Add member'; they get the default allocation "
                + "unless you give another amount.");
        grid.setAllRowsVisible(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var id = event.getRouteParameters().get(GROUP_ID).orElse("");
        try {
            groupId = Long.parseLong(id);
            group = groups.get(groupId);
        } catch (NumberFormatException | NotFoundException e) {
            showNotFound();
            return;
        }
        show();
    }

    @Override
    public String getPageTitle() {
        return (group == null ? "Group not found" : group.name()) + " · Burnrate";
    }

    private void showNotFound() {
        group = null;
        content.setVisible(false);
        notFound.removeAll();
        notFound.add(new Span("This group does not exist, or it is not one of yours. "));
        notFound.add(currentUser.hasRole(Roles.GROUP_ADMIN) || currentUser.hasRole(Roles.SYSTEM_ADMIN)
                ? new RouterLink("Back to My groups", MyGroupsView.class)
                : new RouterLink("Back to My budgets", MyBudgetsView.class));
        notFound.setVisible(true);
    }

    /** Shows the group as it is now, with the actions the caller's scope allows. */
    private void show() {
        var current = group;
        if (current == null) {
            return;
        }
        notFound.setVisible(false);
        content.setVisible(true);
        boolean canEdit = scopes.canEditGroup(groupId);
        boolean canManage = scopes.canManageMembers(groupId);

        facts.removeAll();
        facts.add(new Span(BudgetTexts.period(current.startDate(), current.endDate()) + " · owned by "
                + current.ownerName() + " · default allocation " + current.defaultAllocation() + " per member "));
        if (current.overcommit()) {
            facts.add(MyGroupsView.overcommitBadge());
        }
        description.setText(current.description());
        description.setVisible(!current.description().isEmpty());
        bar.show(current.budget());
        ledgerLink.removeAll();
        if (canEdit) {
            ledgerLink.add(AccountLedgerView.link("Group ledger", current.budget().accountId()));
            ledgerLink.add(new Span(" · "));
        }
        // By path, not by class: the resources page belongs to the provisioning module, which builds on this one.
        var resources = new com.vaadin.flow.component.html.Anchor("groups/" + groupId + "/resources",
                canEdit ? "Resources and allowed templates" : "Resources and catalog");
        resources.setId("group-resources-link");
        ledgerLink.add(resources);
        edit.setVisible(canEdit);
        changeBudget.setVisible(canEdit);
        delete.setVisible(canEdit);
        membersSection.setVisible(canManage);
        showMembers(canManage);
    }

    /**
     * Members are read only by those who may manage them: even a hidden grid would fetch its first
     * page, and the service refuses it to plain members.
     */
    private void showMembers(boolean canManage) {
        if (!canManage) {
            membersLoaded = false;
            grid.setItems(List.of());
        } else if (membersLoaded) {
            grid.getDataProvider().refreshAll();
        } else {
            // Pages are read lazily, each with its own call, so the grid never holds the whole group.
            grid.setItems(query -> memberships.members(groupId, VaadinSpringDataHelpers.toSpringPageRequest(query)
                    .withSort(Sort.by("createdAt", "id"))).stream());
            membersLoaded = true;
        }
    }

    /** Reads the group again after a change, and says so. */
    private void changed(String message) {
        try {
            group = groups.get(groupId);
        } catch (NotFoundException e) {
            showNotFound();
            return;
        }
        show();
        Feedback.success(message);
    }

    /**
     * The action asked for most, changing an allocation, as a button; the others (the role, the
     * member's ledger, removing) in a menu beside it, so that the row's names, figures and actions
     * fit a laptop's screen without scrolling sideways.
     */
    private Component memberActions(MemberView member) {
        var allocation = new Button("Change allocation", click -> openAllocationDialog(member));
        allocation.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var otherRole = member.role() == MemberRole.MANAGER ? MemberRole.MEMBER : MemberRole.MANAGER;
        var more = new MenuBar();
        more.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        var menu = more.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        menu.setAriaLabel("More for " + member.displayName());
        menu.setTooltipText("More: role, ledger, remove");
        menu.getSubMenu().addItem("Make " + BudgetTexts.role(otherRole).toLowerCase(), click -> {
            memberships.changeRole(member.id(), otherRole);
            changed(member.displayName() + " is now a " + BudgetTexts.role(otherRole).toLowerCase() + ".");
        });
        menu.getSubMenu().addItem("Ledger", click -> AccountLedgerView.open(member.budget().accountId()));
        var remove = menu.getSubMenu().addItem("Remove…", click -> confirmRemove(member));
        remove.addClassName("portal-destructive");
        var layout = new HorizontalLayout(allocation, more);
        layout.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        layout.setSpacing(false);
        return layout;
    }

    private void openAddMemberDialog() {
        var current = group;
        if (current == null) {
            return;
        }
        new MemberDialog(current.name(), current.defaultAllocation(), member -> {
            var added = memberships.add(groupId, member.email(), member.allocation(), member.role());
            changed(added.displayName() + " was added with " + added.budget().allocated() + " units.");
        }).open();
    }

    private void openAllocationDialog(MemberView member) {
        var budget = member.budget();
        new AmountDialog("Change allocation of " + member.displayName(),
                "Lowering it returns the difference to the group; it cannot go below what they consumed and hold ("
                        + budget.consumed().plus(budget.held()) + " units).",
                "Allocation", "Currently " + budget.allocated() + " units.", budget.allocated(), amount -> {
                    var changedMember = memberships.changeAllocation(member.id(), amount);
                    changed(changedMember.displayName() + "'s allocation is now " + changedMember.budget().allocated()
                            + " units.");
                }).open();
    }

    private void confirmRemove(MemberView member) {
        var budget = member.budget();
        var unused = budget.allocated().minus(budget.consumed()).max(ConsumptionUnits.ZERO);
        var text = new StringBuilder("The unused remainder of their allocation, ").append(unused).append(" units (")
                .append(budget.allocated()).append(" allocated − ").append(budget.consumed())
                .append(" consumed), returns to the group. What they consumed stays consumed.");
        if (budget.held().isPositive()) {
            text.append(" They hold ").append(budget.held())
                    .append(" units for running resources; those must be stopped before they can be removed.");
        }
        Confirmation.openDestructive("Remove " + member.displayName() + " from '" + member.groupName() + "'?",
                text.toString(),
                "Remove", () -> {
            try {
                var returned = memberships.remove(member.id());
                changed(member.displayName() + " was removed; " + returned + " units returned to the group.");
            } catch (InvalidInputException e) {
                Feedback.error(e.getMessage());
            }
        });
    }

    private void openEditDialog() {
        var current = group;
        if (current == null) {
            return;
        }
        GroupEditorDialog.edit(current, submission -> {
            var updated = groups.update(groupId, submission.details());
            changed("Group '" + updated.name() + "' was saved.");
        }).open();
    }

    private void openBudgetDialog() {
        var current = group;
        if (current == null) {
            return;
        }
        var budget = current.budget();
        var floor = budget.consumed().plus(budget.held());
        if (!current.overcommit()) {
            floor = floor.max(budget.allocatedToChildren());
        }
        new AmountDialog("Change budget of '" + current.name() + "'",
                "Raising it takes units from " + current.ownerName() + "'s budget; lowering it returns them. It cannot "
                        + "go below " + floor + " units (consumed and held" + (current.overcommit() ? ""
                                : ", or allocated to members") + ").",
                "Budget", "Currently " + budget.allocated() + " units.", budget.allocated(), amount -> {
                    var updated = groups.changeBudget(groupId, amount);
                    changed("The budget of '" + updated.name() + "' is now " + updated.budget().allocated() + " units.");
                }).open();
    }

    private void confirmDelete() {
        var current = group;
        if (current == null) {
            return;
        }
        var budget = current.budget();
        var unused = budget.allocated().minus(budget.consumed()).max(ConsumptionUnits.ZERO);
        long memberCount = memberships.members(groupId, PageRequest.of(0, 1)).getTotalElements();
        var text = new StringBuilder(memberCount == 0 ? "It has no members. "
                : "Its " + memberCount + (memberCount == 1 ? " member is" : " members are") + " removed. ")
                .append("The unused remainder, ").append(unused).append(" units (").append(budget.allocated())
                .append(" allocated − ").append(budget.consumed()).append(" consumed), returns to ")
                .append(current.ownerName()).append("'s budget. What was consumed stays consumed. ")
                .append("This cannot be undone; a new group starts from a new budget.");
        if (budget.held().isPositive()) {
            text.append(" Members hold ").append(budget.held())
                    .append(" units for running resources; those must be stopped first.");
        }
        Confirmation.openDestructive("Delete '" + current.name() + "'?",
                text.toString(),
                "Delete", () -> {
            try {
                var returned = groups.delete(groupId);
                Feedback.success("Group '" + current.name() + "' was deleted; " + returned + " units returned to "
                        + current.ownerName() + "'s budget.");
                UI.getCurrent().navigate(MyGroupsView.class);
            } catch (InvalidInputException e) {
                Feedback.error(e.getMessage());
            }
        });
    }
}
