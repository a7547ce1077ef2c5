package org.burnrate.budget.ui;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.security.Roles;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/** A group admin's groups, each with its budget, and where new groups are created from their own budget. */
@Route("groups")
@PageTitle("My groups · Burnrate")
@Menu(title = "My groups", order = 10, icon = "vaadin:academy-cap")
@RolesAllowed({Roles.GROUP_ADMIN, Roles.SYSTEM_ADMIN})
public class MyGroupsView extends Div {

    private final GroupService groups;
    private final BudgetAdministration administration;

    final Div ownBudget = new Div();
    final Div cards = new Div();
    final Paragraph empty = new Paragraph("You have no groups yet — create one with New group.");
    final Button newGroup = new Button("New group", VaadinIcon.PLUS.create());

    private final java.util.Optional<org.burnrate.catalog.UnitValue> unitValue;

    MyGroupsView(GroupService groups, BudgetAdministration administration, org.burnrate.catalog.CurrencySettings currency) {
        this.unitValue = currency.current();
        this.groups = groups;
        this.administration = administration;
        addClassName("portal-view");

        newGroup.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newGroup.setId("new-group");
        newGroup.addClickListener(click -> openCreateDialog());
        var toolbar = new HorizontalLayout(newGroup);
        toolbar.addClassName("portal-toolbar");

        ownBudget.addClassName("portal-section");
        cards.addClassName("portal-cards");
        empty.addClassName("portal-empty");
        add(ownBudget, toolbar, empty, cards);
        refresh();
    }

    private void openCreateDialog() {
        GroupEditorDialog.create(submission -> {
            var created = groups.create(null, submission.details(), submission.budget());
            refresh();
            Feedback.success("Group '" + created.name() + "' was created with " + created.budget().allocated()
                    + " units.");
        }).open();
    }

    private void refresh() {
        ownBudget.removeAll();
        try {
            var mine = administration.myBudget();
            ownBudget.add(new H3("Your budget"), new Paragraph(BudgetTexts.period(mine.periodStart(),
                    mine.periodEnd()) + ". New groups are funded from it."), new BudgetBar("groups").money(unitValue).withFigures(mine.budget()));
            ownBudget.setVisible(true);
        } catch (NotFoundException noBudget) {
            // A system admin without a group-admin budget of their own still sees every group.
            ownBudget.setVisible(false);
        }
        var visible = groups.visibleGroups();
        cards.removeAll();
        visible.forEach(group -> cards.add(card(group)));
        empty.setVisible(visible.isEmpty());
    }

    private Component card(GroupView group) {
        var card = new Card();
        card.addClassName("portal-card");
        card.setTitle(new RouterLink(group.name(), GroupDetailView.class,
                new RouteParameters(GroupDetailView.GROUP_ID, String.valueOf(group.id()))));
        card.setSubtitle(new Span(BudgetTexts.period(group.startDate(), group.endDate()) + " · owned by "
                + group.ownerName()));
        if (group.overcommit()) {
            card.setHeaderSuffix(overcommitBadge());
        }
        card.add(new Paragraph("Default allocation " + group.defaultAllocation() + " per member"),
                new BudgetBar("members").money(unitValue).withFigures(group.budget()));
        return card;
    }

    static Span overcommitBadge() {
        var badge = new Span("Overcommit allowed");
        badge.getElement().getThemeList().add("badge contrast");
        badge.getElement().setAttribute("title",
                "Members may be promised more than the group budget; consumption is still capped by it.");
        return badge;
    }
}
